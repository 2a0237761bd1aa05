using Responder.Core.Matching;
using Responder.Core.Policy;

namespace Responder.Core.Config;

internal static class PolicyBinder
{
    public static PolicyOptions Bind(TableReader policy)
    {
        // Two keys, because a file's array replaces the default's: a user who lists namespaces of their
        // own must not unprotect kube-system and falco by leaving them out.
        var protectedNamespaces = Namespaces(policy, "system_namespaces").Concat(Namespaces(policy, "protected_namespaces"));
        var effective = Union([], protectedNamespaces);
        var protectedNodes = policy.Strings("protected_nodes");
        foreach (var (node, i) in protectedNodes.Select((n, i) => (n, i)))
        {
            if (string.IsNullOrWhiteSpace(node))
            {
                policy.Errors.Add($"{policy.PathOf("protected_nodes")}[{i}]", "an empty node pattern");
            }
        }

        var rules = new List<PolicyRule>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in policy.Tables("rules"))
        {
            if (BindRule(table) is { } rule)
            {
                if (!names.Add(rule.Name))
                {
                    table.Error("name", $"another rule is already named \"{rule.Name}\"");
                }

                rules.Add(rule);
            }
        }

        policy.Finish();
        return new PolicyOptions
        {
            Rules = rules,
            ProtectedNamespaces = effective,
            ProtectedNodes = [.. protectedNodes.Select(n => new GlobPattern(n))],
        };
    }

    /// <summary>Warns when the protected namespaces, the environment's included, leave kube-system out.</summary>
    public static void CheckKubeSystem(PolicyOptions policy, ConfigErrors errors)
    {
        if (!policy.ProtectedNamespaces.Any(p => p.Matches("kube-system")))
        {
            errors.Warn("policy.system_namespaces", "kube-system is not protected: alerts there can lead to cluster actions");
        }
    }

    /// <summary>The protected namespaces with <paramref name="added"/> after them, each pattern once.</summary>
    public static GlobPattern[] Union(IEnumerable<GlobPattern> existing, IEnumerable<string> added)
    {
        var patterns = existing.ToList();
        foreach (var pattern in added)
        {
            if (!patterns.Any(p => p.Pattern == pattern))
            {
                patterns.Add(new GlobPattern(pattern));
            }
        }

        return [.. patterns];
    }

    private static IReadOnlyList<string> Namespaces(TableReader policy, string key)
    {
        var namespaces = policy.Strings(key);
        for (var i = 0; i < namespaces.Count; i++)
        {
            if (!Validators.IsNamespacePattern(namespaces[i]))
            {
                policy.Errors.Add($"{policy.PathOf(key)}[{i}]", $"\"{namespaces[i]}\" is not a namespace name or glob");
            }
        }

        return namespaces;
    }

    private static PolicyRule? BindRule(TableReader table)
    {
        var name = ConfigBinder.NonEmpty(table.String("name"));
        var match = table.Table("match") is { } matchTable ? MatchBinder.Bind(matchTable) : RuleMatch.Any;
        var actions = new List<ActionSpec>();
        var kinds = new HashSet<ActionKind>();
        var actionTables = table.Tables("actions");
        foreach (var actionTable in actionTables)
        {
            if (ActionBinder.Bind(actionTable) is { } action)
            {
                if (!kinds.Add(action.Kind))
                {
                    actionTable.Error("action", $"{action.Kind.ToWire()} is listed twice in this rule");
                }

                actions.Add(action);
            }
        }

        var rule = new PolicyRule(name ?? string.Empty, match, actions)
        {
            Continue = table.Bool("continue", true),
            DryRun = table.Bool("dry_run", false),
        };
        table.Finish();

        if (name is null)
        {
            table.Error("name", "required: every rule needs a name");
            return null;
        }

        if (actionTables.Count == 0)
        {
            table.Error("actions", "required: a rule needs at least one action");
        }

        if (match.IsAny && actions.Any(a => a.Kind.IsClusterAction()))
        {
            table.Errors.Warn(table.Path, $"rule \"{name}\" has no match conditions: its cluster actions apply to every alert");
        }

        return rule;
    }
}
