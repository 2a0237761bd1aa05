using Responder.Core.Config;
using static Responder.Contract.Tests.CfnYaml;

namespace Responder.Contract.Tests;

/// <summary>
/// The trust part of the template check: the function trusts the subscribed log group on its name alone
/// (records without Kubernetes metadata, which anything writing there could print) only when a parameter,
/// false unless the deployer says otherwise, declares that nothing but Falco writes there.
/// </summary>
internal sealed partial class TemplateCheck
{
    private const string TrustVariable = EnvironmentOverrides.TrustLogGroups;

    public IEnumerable<string> TrustedLogGroup()
    {
        foreach (var (id, properties, _) in Functions)
        {
            var variables = MapOrNull(MapOrNull(properties, "Environment") ?? [], "Variables") ?? [];
            if (!variables.TryGetValue(TrustVariable, out var value))
            {
                // Environment() reports the variable missing.
                continue;
            }

            var subscribed = SubscribedParameter(properties);
            if (subscribed is null || !OnlyWhenDeclared(value, subscribed))
            {
                yield return $"{id}: {TrustVariable} must be !If [<condition: !Equals [!Ref <a parameter, true or false, default \"false\">, \"true\"]>, " +
                    $"!Ref {subscribed ?? "<the subscribed log group's parameter>"}, \"\"]: it trusts every record of those groups on the group alone";
            }
        }
    }

    // The parameter the function's CloudWatch Logs subscription takes its group from, guarded or not.
    private static string? SubscribedParameter(Dictionary<string, object?> properties)
    {
        foreach (var (name, value) in MapOrNull(properties, "Events") ?? [])
        {
            var source = Map(value, name);
            if (Text(source, "Type") != "CloudWatchLogs")
            {
                continue;
            }

            var group = (MapOrNull(source, "Properties") ?? []).GetValueOrDefault("LogGroupName");
            var subscribed = Intrinsic(group) is ("Fn::If", List<object?> { Count: 3 } parts) ? parts[2] : group;
            if (Intrinsic(subscribed) is ("Ref", string parameter))
            {
                return parameter;
            }
        }

        return null;
    }

    private bool OnlyWhenDeclared(object? value, string subscribed)
    {
        if (Intrinsic(value) is not ("Fn::If", List<object?> { Count: 3 } parts)
            || Intrinsic(parts[1]) is not ("Ref", string trusted) || trusted != subscribed || parts[2] is not "")
        {
            return false;
        }

        var conditions = MapOrNull(template, "Conditions") ?? [];
        if (Intrinsic(conditions.GetValueOrDefault(parts[0] as string ?? "")) is not ("Fn::Equals", List<object?> { Count: 2 } sides)
            || !sides.Contains("true"))
        {
            return false;
        }

        var declared = sides.Select(s => Intrinsic(s) is ("Ref", string p) ? p : null).FirstOrDefault(p => p is not null);
        var parameters = MapOrNull(template, "Parameters") ?? [];
        return declared is not null && parameters.GetValueOrDefault(declared) is Dictionary<string, object?> parameter
            && Text(parameter, "Default") == "false"
            && parameter.GetValueOrDefault("AllowedValues") is List<object?> allowed && allowed.Count == 2 && allowed.Contains("true") && allowed.Contains("false");
    }
}
