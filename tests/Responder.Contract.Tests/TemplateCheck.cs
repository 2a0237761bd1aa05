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

    public List<string> All() =>
        [.. Handlers(), .. Environment(), .. Iam(), .. OwnLogGroup(), .. TrustedLogGroup(), .. Retention(), .. StateTable(), .. EvidenceBuckets(), .. Build(), .. Dashboard()];

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

    /// <summary>Function names a FunctionName could have, to try a log group pattern with.</summary>
    private static readonly string[] SampleFunctionNames = ["f", "falco-responder-prod", "A_1", new string('x', 64)];

    /// <summary>Log groups Falco's alerts are shipped to (the shippers of docs/operations.md), which the pattern must still take.</summary>
    public static readonly string[] FalcoLogGroups = ["/aws/containerinsights/prod/application", "falco", "/falco/alerts", "/eks/prod/falco"];

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
                    yield return $"{id}: FunctionName must be a parameter, so the log group parameter's pattern can be tried with its names";
                }
                else if (Intrinsic(group) is not ("Ref", string groupParameter) || Parameter(groupParameter) is not { } definition)
                {
                    yield return $"{id}.{name}: LogGroupName must be !Ref <a parameter> whose AllowedPattern refuses /aws/lambda/..., so the function never subscribes its own log group";
                }
                else if (!RefusesFunctionLogGroups(Text(definition, "AllowedPattern"), ownName))
                {
                    yield return $"{id}.{name}: the AllowedPattern of {groupParameter} must refuse /aws/lambda/<FunctionName> for every FunctionName, so the function never subscribes its own log group";
                }
                else if (FalcoLogGroups.FirstOrDefault(g => !Regex.IsMatch(g, Text(definition, "AllowedPattern")!)) is { } refused)
                {
                    yield return $"{id}.{name}: the AllowedPattern of {groupParameter} refuses {refused}, a log group Falco's alerts are shipped to";
                }
            }
        }
    }

    private Dictionary<string, object?>? Parameter(string name) => MapOrNull(MapOrNull(template, "Parameters") ?? [], name);

    private bool RefusesFunctionLogGroups(string? pattern, string functionNameParameter)
    {
        var function = Parameter(functionNameParameter) ?? [];
        var names = SampleFunctionNames.Append(Text(function, "Default") ?? "").Where(n => n.Length > 0).ToList();
        // Names the FunctionName parameter itself refuses prove nothing: try only those it takes.
        var namePattern = Text(function, "AllowedPattern") ?? ".*";
        return pattern is not null
            && names.All(n => Regex.IsMatch(n, namePattern))
            && names.All(n => !Regex.IsMatch($"/aws/lambda/{n}", pattern));
    }

    /// <summary>Resources that hold data (logs, state, events): each must say what a delete or a replacement does to it.</summary>
    public static readonly string[] StatefulTypes = ["AWS::Logs::LogGroup", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket"];

    public IEnumerable<string> Retention()
    {
        foreach (var (id, resource) in Resources.Select(r => (r.Key, Map(r.Value, r.Key))).Where(r => StatefulTypes.Contains(Text(r.Item2, "Type"))))
        {
            foreach (var policy in new[] { "DeletionPolicy", "UpdateReplacePolicy" })
            {
                if (Text(resource, policy) is not ("Retain" or "Delete" or "RetainExceptOnCreate" or "Snapshot"))
                {
                    yield return $"{id}: no {policy}: decide what a stack delete or a replacement does to it, and say so in docs/operations.md";
                }
            }
        }
    }

    public IEnumerable<string> StateTable()
    {
        var (key, expiresAt) = CodeFacts.StateAttributes;
        foreach (var (id, resource) in Resources.Select(r => (r.Key, Map(r.Value, r.Key))).Where(r => Text(r.Item2, "Type") == "AWS::DynamoDB::Table"))
        {
            var properties = MapOrNull(resource, "Properties") ?? [];
            var schema = OneOrMany(properties.GetValueOrDefault("KeySchema")).Select(k => Map(k, "key")).ToList();
            if (schema is not [var only] || Text(only, "AttributeName") != key || Text(only, "KeyType") != "HASH")
            {
                yield return $"{id}: the key must be the hash key {key}, the attribute the state writes";
            }

            var ttl = MapOrNull(properties, "TimeToLiveSpecification") ?? [];
            if (Text(ttl, "AttributeName") != expiresAt || Text(ttl, "Enabled") != "true")
            {
                yield return $"{id}: TTL must be enabled on {expiresAt}, the expiry every state item carries, or items are kept for ever";
            }
        }
    }

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

    [GeneratedRegex(@"\[""FalcoResponder"",""(?<name>\w+)""|MetricName=\\""(?<search>\w+)\\""")]
    private static partial Regex DashboardMetric();
}
