using k8s.Models;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// Reading NetworkPolicies as the network plugin does. Policies add up: a pod selected by any policy that allows a
/// connection has it, so a deny-all policy isolates a pod only when no other policy selecting it allows anything.
/// </summary>
internal static class PolicyShape
{
    /// <summary>Null when the policy is exactly the deny-all of these labels, else what differs.</summary>
    public static string? DenyAllProblem(V1NetworkPolicy policy, IReadOnlyDictionary<string, string> labels)
    {
        var spec = policy.Spec;
        var selector = spec?.PodSelector;
        var matchLabels = selector?.MatchLabels ?? new Dictionary<string, string>();
        if (selector?.MatchExpressions is { Count: > 0 } || matchLabels.Count != labels.Count
            || labels.Any(l => !matchLabels.TryGetValue(l.Key, out var value) || value != l.Value))
        {
            return $"selects {Describe(selector)} instead of the quarantine labels {string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"))}";
        }

        var types = spec!.PolicyTypes ?? [];
        if (!types.Contains("Ingress") || !types.Contains("Egress"))
        {
            return $"covers {(types.Count == 0 ? "no traffic direction" : string.Join(" and ", types))} only, not both Ingress and Egress";
        }

        return spec.Ingress is { Count: > 0 } ? "allows some ingress" : spec.Egress is { Count: > 0 } ? "allows some egress" : null;
    }

    /// <summary>What the policy lets through to or from a pod with these labels: "ingress", "egress", both, or null.</summary>
    public static string? Allows(V1NetworkPolicy policy, IReadOnlyDictionary<string, string> podLabels)
    {
        var spec = policy.Spec;
        if (spec is null || !Selects(spec.PodSelector, podLabels))
        {
            return null;
        }

        // Without policyTypes a policy covers Ingress, and Egress too when it has egress rules.
        var types = spec.PolicyTypes is { Count: > 0 } declared ? declared : spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"];
        var ingress = types.Contains("Ingress") && spec.Ingress is { Count: > 0 };
        var egress = types.Contains("Egress") && spec.Egress is { Count: > 0 };
        return (ingress, egress) switch
        {
            (true, true) => "ingress and egress",
            (true, false) => "ingress",
            (false, true) => "egress",
            _ => null,
        };
    }

    /// <summary>A label selector as the API defines it: every matchLabels entry and every expression must hold; empty selects all.</summary>
    public static bool Selects(V1LabelSelector? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return true;
        }

        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var actual);
            var values = expression.Values ?? [];
            var holds = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0)
            ? "every pod"
            : string.Join(",", (selector.MatchLabels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}")
                .Concat((selector.MatchExpressions ?? []).Select(e => $"{e.Key} {e.OperatorProperty} ({string.Join(",", e.Values ?? [])})")));
}
