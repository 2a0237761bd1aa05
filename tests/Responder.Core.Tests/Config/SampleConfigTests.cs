using System.Text.RegularExpressions;
using Responder.Core.Alerts;
using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

/// <summary>samplecfg.toml is the built-in default and documents every setting the loader accepts.</summary>
public sealed class SampleConfigTests
{
    // Every key the binders read (ConfigBinder, RankingBinder, PolicyBinder, MatchBinder, ActionBinder),
    // by table. Map-like tables (ranking.tags, ranking.namespaces, labels) take keys of the user's choosing.
    private static readonly Dictionary<string, string[]> KeysByTable = new()
    {
        [""] = ["dry_run", "aws", "cluster", "notifications", "securityhub", "containment", "state", "evidence", "limits", "input", "ranking", "policy", "trust"],
        ["input"] = ["merge_keys"],
        ["aws"] = ["region", "sns_topic_arn"],
        ["cluster"] = ["name", "endpoint", "ca_file", "token_file"],
        ["notifications"] = ["max_messages", "format"],
        ["securityhub"] = ["enabled", "product_arn"],
        ["containment"] = ["concurrency", "skip_daemonset_pods", "skip_statefulset_pods", "skip_standalone_pods", "min_healthy_replicas", "protected_node_labels", "max_cordoned_share", "clock_skew_seconds"],
        ["state"] = ["table", "dedupe_window_seconds", "claim_lease_seconds", "outcome_ttl_seconds", "limit_window_seconds", "max_deletes", "max_cordons", "max_snapshots"],
        ["evidence"] = ["bucket", "prefix", "kms_key_id", "retention_days", "max_log_bytes_per_container"],
        ["limits"] = ["max_envelope_bytes", "max_message_bytes", "max_json_depth", "max_document_inflated_bytes", "max_document_records", "max_document_lines"],
        ["ranking"] = ["priorities", "severities", "tags", "namespaces", "rules"],
        ["ranking.priorities"] = ["emergency", "alert", "critical", "error", "warning", "notice", "informational", "debug", "unknown"],
        ["ranking.severities"] = ["critical", "high", "medium", "low"],
        ["ranking.rules[]"] = ["rule", "pin", "boost"],
        ["policy"] = ["system_namespaces", "protected_namespaces", "protected_nodes", "rules"],
        ["trust"] = ["namespaces", "containers", "labels", "log_groups", "log_streams", "drill_marker"],
        ["policy.rules[]"] = ["name", "continue", "dry_run", "match", "actions"],
        ["policy.rules[].match"] = ["rules", "priority", "tags", "output_fields", "source", "namespaces", "min_severity", "min_score", "require_pod"],
        ["notify"] = ["action"],
        ["label-pod"] = ["action", "labels"],
        ["isolate-pod"] = ["action", "labels"],
        ["cordon-node"] = ["action"],
        ["taint-node"] = ["action", "key", "value", "effect"],
        ["evict-pod"] = ["action", "grace_period_seconds", "on_pdb_refusal"],
        ["delete-pod"] = ["action", "grace_period_seconds"],
        ["collect-evidence"] = ["action", "on_evidence_failure"],
        ["snapshot-node"] = ["action"],
    };

    public static TheoryData<string> AcceptedKeys() => [.. KeysByTable.Values.SelectMany(k => k).Distinct()];

    public static TheoryData<string> Tables() =>
    [
        "[aws]", "[cluster]", "[notifications]", "[securityhub]", "[containment]", "[state]", "[evidence]", "[limits]", "[input]", "[ranking]", "[ranking.priorities]", "[ranking.severities]", "[ranking.tags]",
        "[ranking.namespaces]", "[[ranking.rules]]", "[policy]", "[[policy.rules]]", "[policy.rules.match]", "[[policy.rules.actions]]", "[trust]",
    ];

    // A TOML document whose only problem is an unknown key in the given table: the loader answers
    // with the keys it read there, which must be the keys listed above.
    public static TheoryData<string, string> ProbedTables()
    {
        const string Unknown = "zzzzzzzzzzzzzzzz = 1";
        var data = new TheoryData<string, string>
        {
            { "", Unknown },
            { "aws", $"[aws]\n{Unknown}" },
            { "cluster", $"[cluster]\n{Unknown}" },
            { "notifications", $"[notifications]\n{Unknown}" },
            { "securityhub", $"[securityhub]\n{Unknown}" },
            { "containment", $"[containment]\n{Unknown}" },
            { "state", $"[state]\n{Unknown}" },
            { "evidence", $"[evidence]\n{Unknown}" },
            { "limits", $"[limits]\n{Unknown}" },
            { "input", $"[input]\n{Unknown}" },
            { "ranking", $"[ranking]\n{Unknown}" },
            { "ranking.severities", $"[ranking.severities]\n{Unknown}" },
            { "ranking.rules[]", $"[[ranking.rules]]\nrule = \"x\"\npin = 1\n{Unknown}" },
            { "policy", $"[policy]\n{Unknown}" },
            { "trust", $"[trust]\n{Unknown}" },
            { "policy.rules[]", $"[[policy.rules]]\nname = \"r\"\n{Unknown}\n[[policy.rules.actions]]\naction = \"notify\"" },
            { "policy.rules[].match", $"[[policy.rules]]\nname = \"r\"\n[policy.rules.match]\n{Unknown}\n[[policy.rules.actions]]\naction = \"notify\"" },
        };
        foreach (var action in ActionKinds.WireNames)
        {
            data.Add(action, $"[[policy.rules]]\nname = \"r\"\n[policy.rules.match]\nmin_score = 90\n[[policy.rules.actions]]\naction = \"{action}\"\n{Unknown}");
        }

        return data;
    }

    [Fact]
    public void DefaultText_Embedded_IsTheSampleConfigFileOnDisk()
    {
        Assert.Equal(File.ReadAllText(SampleConfigPath()), ConfigLoader.DefaultText);
    }

    [Fact]
    public void Load_SampleConfigAsTheUsersFile_HasNoErrorsAndNoWarnings()
    {
        var result = ConfigLoader.Load(File.ReadAllText(SampleConfigPath()), "samplecfg.toml", _ => null);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Load_BuiltInDefaults_HaveNoErrorsAndNoWarnings()
    {
        var result = TestConfig.Load(null);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.True(result.IsValid);
    }

    [Theory]
    [MemberData(nameof(AcceptedKeys))]
    public void SampleConfig_EveryAcceptedKey_IsDocumented(string key)
    {
        Assert.Matches(new Regex($@"(?<![\w-]){Regex.Escape(key)}(?![\w-])"), ConfigLoader.DefaultText);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void SampleConfig_EveryTable_IsWritten(string header)
    {
        Assert.Matches(new Regex($@"(?m)^{Regex.Escape(header)}\s*$"), ConfigLoader.DefaultText);
    }

    [Fact]
    public void SampleConfig_EveryPriorityScore_IsSet()
    {
        var priorities = Enum.GetValues<FalcoPriority>().Select(p => p.ToFalcoName().ToLowerInvariant());

        Assert.Equal(priorities.Order(StringComparer.Ordinal), KeysByTable["ranking.priorities"].Order(StringComparer.Ordinal));
        Assert.All(priorities, p => Assert.Matches(new Regex($@"(?m)^{p} = \d+$"), ConfigLoader.DefaultText));
    }

    [Theory]
    [MemberData(nameof(ProbedTables))]
    public void Loader_KeysReadInEachTable_AreTheDocumentedList(string table, string toml)
    {
        var error = Assert.Single(TestConfig.Load(toml).Errors);
        var known = Regex.Match(error.Message, @"^unknown key \(known here: (.*)\)$");

        Assert.True(known.Success, error.ToString());
        Assert.Equal(KeysByTable[table].Order(StringComparer.Ordinal), known.Groups[1].Value.Split(", "));
    }

    [Fact]
    public void SampleConfig_EveryActionAndEnvironmentVariable_IsDocumented()
    {
        string[] documented = [.. ActionKinds.WireNames, "RESPONDER_DRY_RUN", "RESPONDER_SNS_TOPIC_ARN", "RESPONDER_CLUSTER_NAME", "RESPONDER_STATE_TABLE", "AWS_REGION",
            "RESPONDER_SECURITYHUB", "RESPONDER_SECURITYHUB_PRODUCT_ARN", "RESPONDER_NOTIFICATION_FORMAT"];

        Assert.All(documented, name => Assert.Contains(name, ConfigLoader.DefaultText, StringComparison.Ordinal));
    }

    private static string SampleConfigPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samplecfg.toml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samplecfg.toml not found above " + AppContext.BaseDirectory);
    }
}
