using YamlDotNet.RepresentationModel;

namespace Responder.Contract.Tests;

/// <summary>
/// A CloudFormation template as plain values: mappings are dictionaries, sequences lists, scalars
/// strings. Short tags (!Ref, !Sub, !GetAtt, !If ...) become their long forms ({"Ref": x},
/// {"Fn::Sub": x}), so the checks read one shape whichever form the template uses.
/// </summary>
internal static class CfnYaml
{
    public static Dictionary<string, object?> Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (Dictionary<string, object?>)Convert(stream.Documents[0].RootNode)!;
    }

    private static object? Convert(YamlNode node)
    {
        object? value = node switch
        {
            YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Convert(p.Value), StringComparer.Ordinal),
            YamlSequenceNode list => list.Children.Select(Convert).ToList(),
            YamlScalarNode scalar => scalar.Value,
            _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal) || tag.StartsWith("tag:", StringComparison.Ordinal))
        {
            return value;
        }

        var name = tag[1..];
        if (name == "GetAtt" && value is string dotted)
        {
            // !GetAtt Resource.Attribute is the scalar form of ["Resource", "Attribute"].
            var dot = dotted.IndexOf('.', StringComparison.Ordinal);
            value = new List<object?> { dotted[..dot], dotted[(dot + 1)..] };
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal) { [name is "Ref" or "Condition" ? name : $"Fn::{name}"] = value };
    }

    public static Dictionary<string, object?> Map(object? value, string what) =>
        value as Dictionary<string, object?> ?? throw new InvalidOperationException($"{what} is not a mapping");

    public static Dictionary<string, object?>? MapOrNull(Dictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value as Dictionary<string, object?> : null;

    public static string? Text(Dictionary<string, object?> map, string key) => map.TryGetValue(key, out var value) ? value as string : null;

    /// <summary>The single intrinsic a value is ({"Ref": x} gives ("Ref", x)), or null for a plain value.</summary>
    public static (string Name, object? Argument)? Intrinsic(object? value) =>
        value is Dictionary<string, object?> { Count: 1 } map && map.Keys.First() is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal))
            ? (key, map[key])
            : null;

    /// <summary>Every value a property may take: both branches of an Fn::If, none for AWS::NoValue.</summary>
    public static IEnumerable<object?> Branches(object? value)
    {
        if (Intrinsic(value) is ("Fn::If", List<object?> { Count: 3 } parts))
        {
            return Branches(parts[1]).Concat(Branches(parts[2]));
        }

        return Intrinsic(value) is ("Ref", "AWS::NoValue") ? [] : [value];
    }

    /// <summary>A string or a list of strings (IAM's Action and Resource take both), as a list.</summary>
    public static IEnumerable<object?> OneOrMany(object? value) => value is List<object?> list ? list.SelectMany(Branches) : Branches(value);
}
