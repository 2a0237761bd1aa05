using Microsoft.Extensions.Time.Testing;
using Responder.Aws.Http;
using Responder.Aws.SecurityHub;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Harness.Servers;
using Responder.Kubernetes;

namespace Responder.Aws.Tests.SecurityHub;

/// <summary>The notes release puts on the findings of what it undid, with BatchUpdateFindings, against the fake.</summary>
public sealed class ReleaseNotesTests
{
    private const string Finding = "falco-responder/prod-eks/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static ReleaseNotes Notes(FakeSecurityHub hub) =>
        new(new FindingUpdateClient(AwsHttp.Create(MotoServer.Credentials, FindingsHarness.Region, "securityhub", retryDelay: TimeSpan.FromMilliseconds(5)), hub.Endpoint),
            _ => Task.FromResult(FindingsHarness.ProductArn), Time);

    private static readonly ReleaseOutcome[] Released =
    [
        new(ReleaseOutcome.UncordonNode, "ip-10-0-2-41", ActionStatus.Succeeded, "cordoned by the responder") { FindingId = Finding },
        new(ReleaseOutcome.UntaintNode, "ip-10-0-2-41", ActionStatus.Skipped, "not-tainted") { FindingId = null },
        new(ReleaseOutcome.UnisolatePod, "batch/report-job", ActionStatus.Succeeded, "quarantine label") { FindingId = Finding },
        new(ReleaseOutcome.UnisolatePod, "batch/other", ActionStatus.Succeeded, "quarantine label"),
    ];

    [Fact]
    public async Task Note_ReleasedTargetsOfOneFinding_OneNoteSayingWhatWasReleasedAndWhen()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        hub.Findings[Finding] = [];

        var lines = await Notes(hub).NoteAsync(Released, dryRun: false, CancellationToken.None);

        var text = "Containment released with responder release at 2026-01-05T10:00:00Z: uncordon-node ip-10-0-2-41, unisolate-pod batch/report-job.";
        Assert.Equal([new ReleaseOutcome(ReleaseOutcome.NoteFinding, Finding, ActionStatus.Succeeded, text)], lines);
        var update = Assert.Single(hub.Updates);
        Assert.Equal((Finding, FindingsHarness.ProductArn), (update["FindingIdentifiers"]![0]!["Id"]!.GetValue<string>(), update["FindingIdentifiers"]![0]!["ProductArn"]!.GetValue<string>()));
        Assert.Equal((text, "responder release"), (update["Note"]!["Text"]!.GetValue<string>(), update["Note"]!["UpdatedBy"]!.GetValue<string>()));
        Assert.Equal("2026-01-05T10:00:00Z", update["UserDefinedFields"]!["falco-responder/released"]!.GetValue<string>());
        Assert.Contains("/securityhub/aws4_request", Assert.Single(hub.Requests).Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_DryRun_PlansTheNoteAndSendsNothing()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        var planned = Released.Select(r => r with { Status = r.Status == ActionStatus.Succeeded ? ActionStatus.Planned : r.Status }).ToList();

        var line = Assert.Single(await Notes(hub).NoteAsync(planned, dryRun: true, CancellationToken.None));

        Assert.Equal((ReleaseOutcome.NoteFinding, Finding, ActionStatus.Planned), (line.Action, line.Target, line.Status));
        Assert.StartsWith("would note: Containment released", line.Reason, StringComparison.Ordinal);
        Assert.Empty(hub.Requests);
    }

    [Fact]
    public async Task Note_FindingSecurityHubDoesNotHave_FailsWithItsAnswer_AndNothingFailedIsNoted()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        var failed = Released.Select(r => r with { Status = r.Action == ReleaseOutcome.UncordonNode ? ActionStatus.Failed : r.Status }).ToList();

        var line = Assert.Single(await Notes(hub).NoteAsync(failed, dryRun: false, CancellationToken.None));

        Assert.Equal((ActionStatus.Failed, "securityhub-error: FindingNotFound: no such finding"), (line.Status, line.Reason));
        Assert.Equal(
            "Containment released with responder release at 2026-01-05T10:00:00Z: unisolate-pod batch/report-job.",
            Assert.Single(hub.Updates)["Note"]!["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Note_SecurityHubFails_TheNoteFailsWithTheCause()
    {
        await using var hub = await FakeSecurityHub.StartAsync();
        hub.FailNext((403, "AccessDeniedException", "not authorized to perform: securityhub:BatchUpdateFindings"));

        var line = Assert.Single(await Notes(hub).NoteAsync(Released, dryRun: false, CancellationToken.None));

        Assert.Equal((ActionStatus.Failed, "securityhub-error: AccessDeniedException: not authorized to perform: securityhub:BatchUpdateFindings"), (line.Status, line.Reason));
    }
}
