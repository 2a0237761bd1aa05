using System.Text.RegularExpressions;

namespace Responder.Aws.SecurityHub;

/// <summary>
/// The finding's Types (namespace/category/classifier) from the MITRE ATT&amp;CK tags Falco's rules carry: a tactic
/// (mitre_privilege_escalation) is a TTPs category, exfiltration and impact are Effects, and each technique id (T1611)
/// classifies the first of them. Only these fixed names and checked technique ids are written: a tag is alert text.
/// </summary>
public static partial class FindingTypes
{
    public const int MaxTypes = 50;

    /// <summary>Where nothing in the tags says more: runtime behaviour Falco's rules call suspicious.</summary>
    public const string Fallback = "Unusual Behaviors/Container";

    private static readonly Dictionary<string, string> Tactics = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mitre_initial_access"] = "TTPs/Initial Access",
        ["mitre_execution"] = "TTPs/Execution",
        ["mitre_persistence"] = "TTPs/Persistence",
        ["mitre_privilege_escalation"] = "TTPs/Privilege Escalation",
        ["mitre_defense_evasion"] = "TTPs/Defense Evasion",
        ["mitre_credential_access"] = "TTPs/Credential Access",
        ["mitre_discovery"] = "TTPs/Discovery",

        // ASFF has no reconnaissance category: finding out about the target is discovery to it.
        ["mitre_reconnaissance"] = "TTPs/Discovery",
        ["mitre_lateral_movement"] = "TTPs/Lateral Movement",
        ["mitre_collection"] = "TTPs/Collection",
        ["mitre_command_and_control"] = "TTPs/Command and Control",
        ["mitre_exfiltration"] = "Effects/Data Exfiltration",
    };

    public static IReadOnlyList<string> Of(IReadOnlyList<string> tags)
    {
        var techniques = tags.Where(t => Technique().IsMatch(t)).Select(t => t.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        var types = new List<string>();
        foreach (var tag in tags)
        {
            var type = Tactics.GetValueOrDefault(tag) ?? (string.Equals(tag, "mitre_impact", StringComparison.OrdinalIgnoreCase) ? Impact(techniques) : null);
            if (type is not null && !types.Contains(type))
            {
                types.Add(type);
            }
        }

        if (types.Count == 0)
        {
            types.Add(Fallback);
        }

        var first = types[0];
        foreach (var technique in techniques)
        {
            types.Add($"{first}/{technique}");
        }

        return types.Count <= MaxTypes ? types : types[..MaxTypes];
    }

    // The effect Falco's impact rules have: miners consume, floods deny service, the rest destroys.
    private static string Impact(List<string> techniques) =>
        techniques.Any(t => t.StartsWith("T1496", StringComparison.Ordinal)) ? "Effects/Resource Consumption"
        : techniques.Any(t => t.StartsWith("T1498", StringComparison.Ordinal) || t.StartsWith("T1499", StringComparison.Ordinal)) ? "Effects/Denial of Service"
        : "Effects/Data Destruction";

    [GeneratedRegex(@"^[Tt]\d{4}(\.\d{3})?$")]
    private static partial Regex Technique();
}
