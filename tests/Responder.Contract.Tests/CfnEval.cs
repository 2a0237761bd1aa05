using System.Globalization;
using System.Text.RegularExpressions;
using static Responder.Contract.Tests.CfnYaml;

namespace Responder.Contract.Tests;

/// <summary>
/// What CloudFormation makes of a template for given parameter values before it creates anything: which parameter
/// constraints and Rules assertions refuse the values (with the operator's message), and what the conditions and
/// outputs evaluate to. Only the functions the template uses are known; any other fails the test loudly.
/// </summary>
internal sealed class CfnEval
{
    private readonly Dictionary<string, object?> _template;
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <param name="given">Parameter values as a stack is given them (strings; a CommaDelimitedList comma-separated).</param>
    /// <param name="partition">AWS::Partition, with a region of it.</param>
    public CfnEval(Dictionary<string, object?> template, IReadOnlyDictionary<string, string> given, string partition = "aws")
    {
        _template = template;
        foreach (var (name, value) in MapOrNull(template, "Parameters") ?? [])
        {
            var parameter = Map(value, name);
            var text = given.TryGetValue(name, out var g) ? g : Text(parameter, "Default");
            _values[name] = text is null ? null : Text(parameter, "Type") == "CommaDelimitedList" ? text.Split(',').Select(v => v.Trim()).ToList<object?>() : text;
        }

        foreach (var name in given.Keys.Where(k => !_values.ContainsKey(k)))
        {
            throw new ArgumentException($"the template has no parameter {name}", nameof(given));
        }

        _values["AWS::Partition"] = partition;
        _values["AWS::Region"] = partition switch { "aws-cn" => "cn-north-1", "aws-us-gov" => "us-gov-west-1", _ => "eu-west-1" };
        _values["AWS::AccountId"] = "123456789012";
        _values["AWS::StackName"] = "falco-responder";
        _values["AWS::URLSuffix"] = partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    }

    /// <summary>Why CloudFormation would refuse the values: each failed constraint or assertion, in its own words.</summary>
    public List<string> Refusals() => [.. ParameterRefusals(), .. RuleRefusals()];

    public bool Condition(string name) => Truth(Map((MapOrNull(_template, "Conditions") ?? [])[name], name));

    public string Output(string name) =>
        Eval(Map(MapOrNull(_template, "Outputs")![name], name)["Value"]) as string ?? throw new InvalidOperationException($"output {name} is not a string");

    private IEnumerable<string> ParameterRefusals()
    {
        foreach (var (name, value) in MapOrNull(_template, "Parameters") ?? [])
        {
            var parameter = Map(value, name);
            var given = _values[name];
            if (given is null)
            {
                yield return $"{name}: no value (the parameter has no default)";
                continue;
            }

            var each = given as List<object?> ?? [given];
            var pattern = Text(parameter, "AllowedPattern");
            var allowed = parameter.GetValueOrDefault("AllowedValues") as List<object?>;
            if (each.Any(v => (pattern is not null && !Regex.IsMatch((string)v!, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                || (allowed is not null && !allowed.Contains(v))))
            {
                yield return $"{name}: {Text(parameter, "ConstraintDescription") ?? "does not match its constraints"}";
            }
        }
    }

    private IEnumerable<string> RuleRefusals()
    {
        foreach (var (name, value) in MapOrNull(_template, "Rules") ?? [])
        {
            var rule = Map(value, name);
            if (rule.TryGetValue("RuleCondition", out var condition) && !Truth(condition))
            {
                continue;
            }

            foreach (var assertion in ((List<object?>)rule["Assertions"]!).Select(a => Map(a, name)))
            {
                if (!Truth(assertion["Assert"]))
                {
                    yield return $"{name}: {Text(assertion, "AssertDescription")}";
                }
            }
        }
    }

    private bool Truth(object? value) => Eval(value) as bool? ?? throw new InvalidOperationException($"not a condition: {value}");

    private object? Eval(object? value)
    {
        switch (Intrinsic(value))
        {
            case null when value is Dictionary<string, object?> { Count: 1 } map && map.Keys.First() == "Condition":
                return Condition((string)map["Condition"]!);
            case null:
                return value is List<object?> list ? list.Select(Eval).ToList() : value;
            case ("Ref", string name):
                return _values.TryGetValue(name, out var v) ? v : name;
            case (var function, var argument):
                var args = argument as List<object?>;
                return function switch
                {
                    "Fn::Equals" => Same(Eval(args![0]), Eval(args[1])),
                    "Fn::Not" => !Truth(args![0]),
                    "Fn::And" => args!.All(Truth),
                    "Fn::Or" => args!.Any(Truth),
                    "Fn::If" => Condition((string)args![0]!) ? Eval(args[1]) : Eval(args[2]),
                    "Fn::Join" => string.Join((string)args![0]!, Strings(args[1])),
                    "Fn::Sub" => Sub(argument),
                    "Fn::Contains" => Strings(args![0]).Contains(Eval(args[1]) as string),
                    "Fn::EachMemberEquals" => Strings(args![0]).All(m => m == Eval(args[1]) as string),
                    "Fn::EachMemberIn" => Strings(args![0]).All(Strings(args[1]).Contains),
                    "Fn::GetAtt" => string.Join('.', Strings(argument)),
                    _ => throw new InvalidOperationException($"{function} is not evaluated here"),
                };
        }
    }

    private List<string?> Strings(object? value) => Eval(value) switch
    {
        List<object?> list => [.. list.Select(Eval).Select(v => v as string)],
        var other => throw new InvalidOperationException($"not a list: {other}"),
    };

    private static bool Same(object? a, object? b) =>
        a is List<object?> x && b is List<object?> y ? x.SequenceEqual(y) : Equals(a, b);

    private string Sub(object? argument)
    {
        var (text, names) = argument is List<object?> { Count: 2 } parts ? ((string)parts[0]!, Map(parts[1], "Fn::Sub")) : ((string)argument!, []);
        return Regex.Replace(text, @"\$\{([^}!]+)\}", m =>
        {
            var name = m.Groups[1].Value;
            var value = names.TryGetValue(name, out var given) ? Eval(given) : Eval(new Dictionary<string, object?> { ["Ref"] = name });
            return Convert.ToString(value, CultureInfo.InvariantCulture)!;
        });
    }
}
