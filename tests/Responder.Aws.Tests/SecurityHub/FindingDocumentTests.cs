using System.Text.Json.Nodes;
using Responder.Aws.SecurityHub;
using Responder.Aws.Tests.Sns;
using Responder.Core.Policy;
using Responder.Core.Response;
using Responder.Harness;
using Responder.Harness.Fakes;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>One alert as an ASFF finding: every field Security Hub requires, within its limits, with the response in it.</summary>
public sealed class FindingDocumentTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly FindingContext Context = new(FindingsHarness.Cluster, FindingsHarness.Cluster, TimeProvider.System);

    private static JsonObject Finding(AlertOutcome outcome) =>
        JsonNode.Parse(FindingDocument.Write(outcome, FindingsHarness.ProductArn, Context, Now))!.AsObject();

    [Fact]
    public async Task Write_ContainedEscape_IsAValidFindingWithTheResponse()
    {
        using var decided = await DecidedAlerts.OfAsync(Fixtures.Alert("release-agent-escape"), FindingsHarness.Config(), new FakeCluster());
        var outcome = Assert.Single(decided.Alerts);

        var finding = Finding(outcome);

        Assert.Null(FakeSecurityHub.Problem(finding));
        Assert.Equal(outcome.Actions.Single(a => a.Kind == ActionKind.RecordFinding).Target, finding["Id"]!.GetValue<string>());
        Assert.Equal(FindingIds.Of(FindingsHarness.Cluster, outcome.Key), finding["Id"]!.GetValue<string>());
        Assert.Equal(("CRITICAL", "100"), (finding["Severity"]!["Label"]!.GetValue<string>(), finding["Severity"]!["Original"]!.GetValue<string>()));
        Assert.Equal(["TTPs/Privilege Escalation", "TTPs/Privilege Escalation/T1611"], finding["Types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(MotoServer.Account, finding["AwsAccountId"]!.GetValue<string>());
        Assert.Equal("2024-05-07T18:54:19.341Z", finding["CreatedAt"]!.GetValue<string>());
        Assert.Equal("2026-01-05T10:00:00.000Z", finding["UpdatedAt"]!.GetValue<string>());
        Assert.False(finding["Sample"]!.GetValue<bool>());
        var resources = finding["Resources"]!.AsArray();
        Assert.Equal("pod/prod-eks/batch/report-job-28551234-kq8zt", resources[0]!["Id"]!.GetValue<string>());
        Assert.Equal("batch", resources[0]!["Details"]!["Other"]!["namespace"]!.GetValue<string>());
        Assert.Equal("node/prod-eks/ip-10-0-2-41.eu-west-1.compute.internal", resources[1]!["Id"]!.GetValue<string>());
        Assert.Equal(("AwsEksCluster", $"arn:aws:eks:eu-west-1:{MotoServer.Account}:cluster/prod-eks"), (resources[2]!["Type"]!.GetValue<string>(), resources[2]!["Id"]!.GetValue<string>()));
        Assert.Equal("succeeded: batch/report-job-28551234-kq8zt", finding.Field("falco-responder/action/label-pod"));
        Assert.Equal("responder release --node ip-10-0-2-41.eu-west-1.compute.internal", finding.Field("falco-responder/release"));
        Assert.Equal("Falco Responder: labelled, cordoned, snapshotted, deleted.", finding["Note"]!["Text"]!.GetValue<string>());
        Assert.Equal(finding["Severity"]!.ToJsonString(), finding["FindingProviderFields"]!["Severity"]!.ToJsonString());
    }

    [Fact]
    public async Task Write_DryRunDrill_IsASampleFindingThatSaysNothingWasDone()
    {
        var drill = Envelopes.Drill(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell")]));
        using var decided = await DecidedAlerts.OfAsync(drill, FindingsHarness.Config("") with { DryRun = true });

        var finding = Finding(Assert.Single(decided.Alerts));

        Assert.Null(FakeSecurityHub.Problem(finding));
        Assert.True(finding["Sample"]!.GetValue<bool>());
        Assert.StartsWith("[DRILL] Terminal shell in container", finding["Title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("true", "true"), (finding.Field("falco-responder/dry-run"), finding.Field("falco-responder/drill")));
        Assert.Contains("Drill, not a real alert.", finding["Note"]!["Text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_ForgedAndHugeAlertText_StaysOneLineWithinEveryLimit()
    {
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["rule"] = "Shell\n" + new string('r', 900) + "\u202Eevil";
        alert["output"] = "12:00:00.000000000: Notice x\nUser: root\r\n" + new string('o', 200_000);
        alert["output_fields"]!["container.image.repository"] = "img\nForged: line" + new string('i', 5000);
        alert["tags"] = new JsonArray("mitre_execution", "TTPs/Forged\nType");
        using var decided = await DecidedAlerts.OfAsync(alert.ToJsonString(), FindingsHarness.Config());

        var finding = Finding(Assert.Single(decided.Alerts));

        Assert.Null(FakeSecurityHub.Problem(finding));
        Assert.All(new[] { "Title", "Description", "GeneratorId" }, name => Assert.DoesNotContain('\n', finding[name]!.GetValue<string>()));
        Assert.DoesNotContain('\u202E', finding.ToJsonString());
        Assert.Equal(["TTPs/Execution"], finding["Types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.All(finding["Resources"]!.AsArray().SelectMany(r => r!["Details"]?["Other"]?.AsObject() ?? []), d => Assert.True(d.Value!.GetValue<string>().Length <= 1024));
    }

    [Fact]
    public async Task Id_SameAlert_IsTheSameFinding_AnotherClusterOrPodIsAnother()
    {
        using var one = await DecidedAlerts.OfAsync(NotifierHarness.Escape(), FindingsHarness.Config());
        using var again = await DecidedAlerts.OfAsync(NotifierHarness.Escape(), FindingsHarness.Config());
        using var otherPod = await DecidedAlerts.OfAsync(NotifierHarness.Escape(pod: "other-pod"), FindingsHarness.Config());
        using var otherCluster = await DecidedAlerts.OfAsync(NotifierHarness.Escape(), FindingsHarness.Config() with { Cluster = new("staging") });

        string Id(DecidedAlerts decided) => FindingDocument.Id(Assert.Single(decided.Alerts));

        Assert.Equal(Id(one), Id(again));
        Assert.NotEqual(Id(one), Id(otherPod));
        Assert.NotEqual(Id(one), Id(otherCluster));
        Assert.StartsWith("falco-responder/staging/", Id(otherCluster), StringComparison.Ordinal);
    }
}
