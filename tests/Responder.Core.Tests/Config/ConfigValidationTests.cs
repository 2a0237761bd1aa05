using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class ConfigValidationTests
{
    private const string Rule = """
        [[policy.rules]]
        name = "r"

        """;

    private const string Notify = """

        [[policy.rules.actions]]
        action = "notify"
        """;

    public static TheoryData<string, string, string> InvalidSettings() => new()
    {
        { "dry_run = \"yes\"", "dry_run", "expected a boolean (true or false), got a string \"yes\"" },
        { "[aws]\nregion = \"Europe\"", "aws.region", "is not an AWS region" },
        { "[aws]\nsns_topic_arn = \"arn:aws:sqs:eu-west-1:123456789012:q\"", "aws.sns_topic_arn", "is not an SNS topic ARN" },
        { "[aws]\nregion = 5", "aws.region", "expected a string, got an integer 5" },
        { "[cluster]\nname = \"-prod\"", "cluster.name", "is not an EKS cluster name" },
        { "[limits]\nmax_envelope_bytes = 1000", "limits.max_envelope_bytes", "must be between 1024 and 1073741824, got 1000" },
        { "[limits]\nmax_message_bytes = 40000000", "limits.max_message_bytes", "must be between 1024 and 33554432, got 40000000" },
        { "[limits]\nmax_json_depth = 1", "limits.max_json_depth", "must be between 2 and 256, got 1" },
        { "[ranking.priorities]\ninfo = 10", "ranking.priorities.info", "not a Falco priority" },
        { "[ranking.priorities]\nCritical = 10", "ranking.priorities.Critical", "not a Falco priority" },
        { "[ranking.priorities]\nwarning = 101", "ranking.priorities.warning", "expected an integer from 0 to 100, got an integer 101" },
        { "[ranking.severities]\nhigh = 90", "ranking.severities", "thresholds must be strictly descending" },
        { "[ranking.severities]\nlow = 0", "ranking.severities.low", "must be between 1 and 100, got 0" },
        { "[ranking.tags]\nmitre_impact = \"high\"", "ranking.tags.mitre_impact", "expected an integer from -100 to 100, got a string \"high\"" },
        { "[ranking.namespaces]\n\"Pay*\" = 5", "ranking.namespaces.\"Pay*\"", "not a namespace name or glob" },
        { "[ranking.namespaces]\npayments = 200", "ranking.namespaces.payments", "expected an integer from -100 to 100, got an integer 200" },
        { "[ranking]\nrules = \"all\"", "ranking.rules", "expected an array of tables, got a string \"all\"" },
        { "[[ranking.rules]]\nrule = \"x\"\npin = 50\nboost = 5", "ranking.rules[0]", "give exactly one of pin or boost" },
        { "[[ranking.rules]]\nrule = \"x\"", "ranking.rules[0]", "give exactly one of pin or boost" },
        { "[[ranking.rules]]\npin = 50", "ranking.rules[0].rule", "required" },
        { "[[ranking.rules]]\nrule = \"x\"\npin = 101", "ranking.rules[0].pin", "must be between 0 and 100, got 101" },
        { "[[ranking.rules]]\nrule = \"x\"\nboost = -101", "ranking.rules[0].boost", "must be between -100 and 100, got -101" },
        { "[policy]\nprotected_namespaces = [\"kube-system\", \"Bad_NS\"]", "policy.protected_namespaces[1]", "is not a namespace name or glob" },
        { "[policy]\nprotected_namespaces = [\"kube-system\", 7]", "policy.protected_namespaces[1]", "expected a string, got an integer 7" },
        { "[policy]\nprotected_namespaces = \"kube-system\"", "policy.protected_namespaces", "expected an array of strings" },
        { "[policy]\nprotected_nodes = [\" \"]", "policy.protected_nodes[0]", "an empty node pattern" },
        { "[[policy.rules]]\n[[policy.rules.actions]]\naction = \"notify\"", "policy.rules[0].name", "required" },
        { "[[policy.rules]]\nname = \"r\"", "policy.rules[0].actions", "required" },
        { Rule + "continue = \"no\"" + Notify, "policy.rules[0].continue", "expected a boolean" },
        { Rule + "dry_run = 1" + Notify, "policy.rules[0].dry_run", "expected a boolean" },
        { Rule + Notify + "\n[[policy.rules]]\nname = \"r\"" + Notify, "policy.rules[1].name", "another rule is already named \"r\"" },
        { Rule + "[[policy.rules.actions]]\naction = \"kill-pod\"", "policy.rules[0].actions[0].action", "\"kill-pod\" is not an action" },
        { Rule + "[[policy.rules.actions]]\n", "policy.rules[0].actions[0].action", "required: one of label-pod, isolate-pod, cordon-node, taint-node, collect-evidence, snapshot-node, evict-pod, delete-pod, notify" },
        { Rule + "[[policy.rules.actions]]\naction = \"Notify\"", "policy.rules[0].actions[0].action", "is not an action" },
        { Rule + Notify + Notify, "policy.rules[0].actions[1].action", "notify is listed twice in this rule" },
        { Rule + Notify + "\n[[policy.rules.actions]]\naction = \"delete-pod\"\ngrace_period_seconds = -1", "policy.rules[0].actions[1].grace_period_seconds", "must be between 0 and 3600, got -1" },
        { Rule + "[[policy.rules.actions]]\naction = \"evict-pod\"\ngrace_period_seconds = 3601", "policy.rules[0].actions[0].grace_period_seconds", "must be between 0 and 3600, got 3601" },
        { Rule + "[[policy.rules.actions]]\naction = \"evict-pod\"\non_pdb_refusal = \"force\"", "policy.rules[0].actions[0].on_pdb_refusal", "is not \"skip\" or \"delete\"" },
        { Rule + "[[policy.rules.actions]]\naction = \"taint-node\"\neffect = \"NoRun\"", "policy.rules[0].actions[0].effect", "is not NoSchedule, PreferNoSchedule or NoExecute" },
        { Rule + "[[policy.rules.actions]]\naction = \"taint-node\"\nkey = \"bad key\"", "policy.rules[0].actions[0].key", "is not a valid taint key" },
        { Rule + "[[policy.rules.actions]]\naction = \"taint-node\"\nvalue = \"-x-\"", "policy.rules[0].actions[0].value", "is not a valid taint value" },
        { Rule + "[[policy.rules.actions]]\naction = \"label-pod\"\nlabels = { \"bad key!\" = \"x\" }", "policy.rules[0].actions[0].labels.\"bad key!\"", "not a valid Kubernetes label key" },
        { Rule + "[[policy.rules.actions]]\naction = \"label-pod\"\nlabels = { team = 7 }", "policy.rules[0].actions[0].labels.team", "expected a valid label value" },
        { Rule + "[[policy.rules.actions]]\naction = \"isolate-pod\"\nlabels = \"quarantine\"", "policy.rules[0].actions[0].labels", "expected a table" },
        { Rule + "[policy.rules.match]\npriority = \"Severe\"" + Notify, "policy.rules[0].match.priority", "\"Severe\" is not a priority condition" },
        { Rule + "[policy.rules.match]\npriority = \"=> Warning\"" + Notify, "policy.rules[0].match.priority", "is not a priority condition" },
        { Rule + "[policy.rules.match]\nmin_severity = \"urgent\"" + Notify, "policy.rules[0].match.min_severity", "\"urgent\" is not a severity" },
        { Rule + "[policy.rules.match]\nmin_score = 101" + Notify, "policy.rules[0].match.min_score", "must be between 0 and 100, got 101" },
        { Rule + "[policy.rules.match]\nnamespaces = [\"Payments\"]" + Notify, "policy.rules[0].match.namespaces[0]", "\"Payments\" is not a namespace name or glob" },
        { Rule + "[policy.rules.match]\nrules = [\" \"]" + Notify, "policy.rules[0].match.rules[0]", "an empty entry" },
        { Rule + "[policy.rules.match]\ntags = [\"a\", 1]" + Notify, "policy.rules[0].match.tags[1]", "expected a string or an array of strings, got an integer 1" },
        { Rule + "[policy.rules.match]\ntags = [\"a,,b\"]" + Notify, "policy.rules[0].match.tags[0]", "an empty entry in the group" },
        { Rule + "[policy.rules.match]\ntags = \"a\"" + Notify, "policy.rules[0].match.tags", "expected an array, got a string \"a\"" },
        { Rule + "[policy.rules.match]\noutput_fields = [\"k8s.ns.name\"]" + Notify, "policy.rules[0].match.output_fields[0]", "\"k8s.ns.name\" is not key=value or key!=value" },
        { Rule + "[policy.rules.match]\noutput_fields = [\"a=1\", \"=x\"]" + Notify, "policy.rules[0].match.output_fields[1]", "\"=x\" is not key=value or key!=value" },
        { Rule + "[policy.rules.match]\noutput_fields = [\"!=x\"]" + Notify, "policy.rules[0].match.output_fields[0]", "\"!=x\" is not key=value or key!=value" },
        { Rule + "[policy.rules.match]\nrequire_pod = \"yes\"" + Notify, "policy.rules[0].match.require_pod", "expected a boolean" },
        { Rule + "[policy.rules.match]\nsource = 5" + Notify, "policy.rules[0].match.source", "expected a string, got an integer 5" },
        { Rule + "match = \"all\"" + Notify, "policy.rules[0].match", "expected a table, got a string \"all\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Load_InvalidSetting_ReportsOneErrorAtItsKeyPath(string toml, string path, string message)
    {
        var result = TestConfig.Load(toml);

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KubeSystemNotProtected_WarnsAndStillLoads()
    {
        var result = TestConfig.Load("""
            [policy]
            system_namespaces = ["falco"]
            """);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("policy.system_namespaces", warning.Path);
        Assert.Contains("kube-system is not protected", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RuleWithoutMatchAndClusterActions_WarnsThatItAppliesToEveryAlert()
    {
        var result = TestConfig.Load("""
            [[policy.rules]]
            name = "everything"
            [[policy.rules.actions]]
            action = "delete-pod"
            """);

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("policy.rules[0]", warning.Path);
        Assert.Contains("\"everything\" has no match conditions", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RuleWithEmptyMatchTableAndClusterActions_WarnsThatItAppliesToEveryAlert()
    {
        var result = TestConfig.Load("""
            [[policy.rules]]
            name = "everything"
            [policy.rules.match]
            [[policy.rules.actions]]
            action = "cordon-node"
            """);

        Assert.True(result.IsValid);
        Assert.Equal("policy.rules[0]", Assert.Single(result.Warnings).Path);
    }

    [Fact]
    public void Load_RuleWithoutMatchThatOnlyNotifies_DoesNotWarn()
    {
        var result = TestConfig.Load("""
            [[policy.rules]]
            name = "everything"
            [[policy.rules.actions]]
            action = "notify"
            """);

        Assert.True(result.IsValid);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Load_ValidLabelsAndTaint_AreAccepted()
    {
        var result = TestConfig.Load("""
            [[policy.rules]]
            name = "r"
            [policy.rules.match]
            min_severity = "high"
            [[policy.rules.actions]]
            action = "label-pod"
            labels = { "app.kubernetes.io/part-of" = "incident", team = "", "example.com/x_y.z" = "A-1" }
            [[policy.rules.actions]]
            action = "taint-node"
            key = "example.com/compromised"
            value = ""
            effect = "PreferNoSchedule"
            """);

        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
    }
}
