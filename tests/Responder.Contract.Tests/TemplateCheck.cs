using System.Text.RegularExpressions;
using static Responder.Contract.Tests.CfnYaml;

namespace Responder.Contract.Tests;

/// <summary>
/// Checks template.yaml (and the Makefile sam build runs) against the code. Each check returns the
/// problems it finds, worded for the person who has to fix them; none means the template holds.
/// </summary>
internal sealed partial class TemplateCheck(Dictionary<string, object?> template, string makefile)
{
    public static TemplateCheck Load(string templateText, string makefile) => new(Parse(templateText), makefile);

    public Dictionary<string, object?> Resources => Map(template["Resources"], "Resources");

    public IEnumerable<(string Id, Dictionary<string, object?> Properties, Dictionary<string, object?> Resource)> Functions =>
        Resources.Select(r => (r.Key, Map(r.Value, r.Key)))
            .Where(r => Text(r.Item2, "Type") == "AWS::Serverless::Function")
            .Select(r => (r.Key, MapOrNull(r.Item2, "Properties") ?? [], r.Item2));

    public List<string> All() => [.. Handlers(), .. Environment(), .. Iam(), .. OwnLogGroup(), .. TrustedLogGroup(), .. Build(), .. Dashboard()];

    public IEnumerable<string> Handlers()
    {
        if (!Functions.Any())
        {
            yield return "no AWS::Serverless::Function in the template";
        }

        foreach (var (id, properties, _) in Functions)
        {
            if (Text(properties, "Handler") is not { } handler || !CodeFacts.Handlers.Contains(handler))
            {
                yield return $"{id}: Handler \"{Text(properties, "Handler")}\" is not one of the bootstrap's: {string.Join(", ", CodeFacts.Handlers)}";
            }

            if (Text(properties, "Runtime") != "provided.al2023")
            {
                yield return $"{id}: Runtime must be provided.al2023 (the bootstrap needs glibc 2.34)";
            }
        }
    }

    public IEnumerable<string> Environment()
    {
        var wanted = CodeFacts.EnvironmentVariables.Except(CodeFacts.NotForTheFunction.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, properties, _) in Functions)
        {
            var set = MapOrNull(MapOrNull(properties, "Environment") ?? [], "Variables")?.Keys.ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var name in set.Except(wanted).Order(StringComparer.Ordinal))
            {
                yield return CodeFacts.NotForTheFunction.TryGetValue(name, out var why)
                    ? $"{id}: sets {name}, which the function must not set ({why})"
                    : $"{id}: sets {name}, which the configuration does not read";
            }

            foreach (var name in wanted.Except(set).Order(StringComparer.Ordinal))
            {
                yield return $"{id}: does not set {name}, which the configuration reads";
            }
        }
    }

    public IEnumerable<string> OwnLogGroup()
    {
        foreach (var (id, properties, _) in Functions)
        {
            var ownName = Intrinsic(properties.GetValueOrDefault("FunctionName")) is ("Ref", string parameter) ? parameter : null;
            var events = MapOrNull(properties, "Events") ?? [];
            foreach (var (name, value) in events)
            {
                var source = Map(value, name);
                if (Text(source, "Type") != "CloudWatchLogs")
                {
                    continue;
                }

                var group = (MapOrNull(source, "Properties") ?? []).GetValueOrDefault("LogGroupName");
                if (ownName is null)
                {
                    yield return $"{id}: FunctionName must be a parameter, so the guard below can name the function's log group";
                }
                else if (!Guarded(group, ownName))
                {
                    yield return $"{id}.{name}: LogGroupName must be !If [<condition: the log group is /aws/lambda/${{{ownName}}}>, <an invalid name>, !Ref <parameter>], so the function never subscribes its own log group";
                }
            }
        }
    }

    private bool Guarded(object? group, string functionNameParameter)
    {
        if (Intrinsic(group) is not ("Fn::If", List<object?> { Count: 3 } parts)
            || Intrinsic(parts[2]) is not ("Ref", string parameter)
            || parts[1] is not string refusal || ValidLogGroupName().IsMatch(refusal))
        {
            return false;
        }

        var conditions = MapOrNull(template, "Conditions") ?? [];
        return conditions.GetValueOrDefault(parts[0] as string ?? "") is var condition
            && Intrinsic(condition) is ("Fn::Equals", List<object?> { Count: 2 } sides)
            && sides.Any(s => Intrinsic(s) is ("Ref", string p) && p == parameter)
            && sides.Any(s => IsOwnLogGroupName(s, functionNameParameter));
    }

    // !Join ["", ["/aws/lambda/", !Ref FunctionName]]
    private static bool IsOwnLogGroupName(object? value, string functionNameParameter) =>
        Intrinsic(value) is ("Fn::Join", List<object?> { Count: 2 } join)
        && join[0] is ""
        && join[1] is List<object?> { Count: 2 } parts
        && parts[0] is "/aws/lambda/"
        && Intrinsic(parts[1]) is ("Ref", string name) && name == functionNameParameter;

    public IEnumerable<string> Build()
    {
        foreach (var (id, _, resource) in Functions)
        {
            if (Text(MapOrNull(resource, "Metadata") ?? [], "BuildMethod") != "makefile")
            {
                yield return $"{id}: Metadata BuildMethod must be makefile";
            }

            var target = new Regex($"^build-{Regex.Escape(id)}:", RegexOptions.Multiline);
            if (!target.IsMatch(makefile))
            {
                yield return $"{id}: the Makefile has no build-{id} target";
            }
        }
    }

    public IEnumerable<string> Dashboard()
    {
        var known = CodeFacts.MetricNames.Concat(LogMetricNames()).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, resource) in Resources.Select(r => (r.Key, Map(r.Value, r.Key))).Where(r => Text(r.Item2, "Type") == "AWS::CloudWatch::Dashboard"))
        {
            var body = (MapOrNull(resource, "Properties") ?? []).GetValueOrDefault("DashboardBody");
            var text = Intrinsic(body) is ("Fn::Sub", string sub) ? sub : body as string ?? "";
            if (!IsJson(SubVariable().Replace(text, "x")))
            {
                yield return $"{id}: DashboardBody is not JSON once its ${{...}} are substituted";
            }

            if (!text.Contains(CodeFacts.MetricNamespace, StringComparison.Ordinal))
            {
                yield return $"{id}: the dashboard shows nothing of the namespace {CodeFacts.MetricNamespace}";
            }

            var used = DashboardMetric().Matches(text).Select(m => m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["search"].Value);
            foreach (var name in used.Distinct().Where(n => !known.Contains(n)))
            {
                yield return $"{id}: metric {name} is neither written by the bootstrap nor by a metric filter";
            }
        }
    }

    private IEnumerable<string> LogMetricNames() =>
        Resources.Values.Select(r => Map(r, "resource")).Where(r => Text(r, "Type") == "AWS::Logs::MetricFilter")
            .SelectMany(r => OneOrMany((MapOrNull(r, "Properties") ?? []).GetValueOrDefault("MetricTransformations")))
            .Select(t => Text(Map(t, "transformation"), "MetricName") ?? "");

    private static bool IsJson(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text);
            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex SubVariable();

    [GeneratedRegex(@"^[\.\-_/#A-Za-z0-9]{1,512}$")]
    private static partial Regex ValidLogGroupName();

    [GeneratedRegex(@"\[""FalcoResponder"",""(?<name>\w+)""|MetricName=\\""(?<search>\w+)\\""")]
    private static partial Regex DashboardMetric();
}
