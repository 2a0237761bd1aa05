using Responder.Aws.Sns;
using Responder.Core.Policy;

namespace Responder.Aws.Tests.Sns;

public sealed class SubjectLineTests
{
    private static PlannedAction Action(ActionKind kind, ActionStatus status, string? reason = null) =>
        new(new ActionSpec(kind), "contain-critical", "payments/api-7d9f", status, reason);

    private static void AssertSnsSafe(string subject)
    {
        Assert.InRange(subject.Length, 1, SubjectLine.MaxLength);
        Assert.All(subject, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void Compose_ShortParts_SeverityFirstThenRuleTargetAndOutcome()
    {
        var subject = SubjectLine.Compose("[CRITICAL]", "Terminal shell in container", "payments/api-7d9f", "cordoned, deleted");

        Assert.Equal("[CRITICAL] Terminal shell in container - payments/api-7d9f - cordoned, deleted", subject);
    }

    [Fact]
    public void Compose_NoTargetNoOutcome_HasNoDanglingSeparators()
    {
        Assert.Equal("[LOW][DRY RUN] Falco storm digest", SubjectLine.Compose("[LOW][DRY RUN]", "Falco storm digest", null, null));
    }

    [Fact]
    public void Compose_LineBreaksControlAndNonAsciiCharacters_AreReplacedByQuestionMarks()
    {
        var subject = SubjectLine.Compose("[HIGH]", "Shell\r\nin \U0001F41A conteneur \u00e9\t\u0000\u007f", "ns/p\u2028od", "deleted");

        Assert.Equal("[HIGH] Shell??in ?? conteneur ???? - ns/p?od - deleted", subject);
        AssertSnsSafe(subject);
    }

    [Fact]
    public void Compose_300CharacterRuleAndPod_StaysUnder100CharactersWithSeverityAndOutcomeWhole()
    {
        var rule = "Rule " + new string('r', 295);
        var target = "payments/" + new string('p', 291);

        var subject = SubjectLine.Compose("[CRITICAL][DRY RUN][DRILL]", rule, target, "would cordon, would delete");

        AssertSnsSafe(subject);
        Assert.StartsWith("[CRITICAL][DRY RUN][DRILL] Rule rrr", subject, StringComparison.Ordinal);
        Assert.Contains(" - payments/p", subject, StringComparison.Ordinal);
        Assert.EndsWith("... - would cordon, would delete", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AnyLengthsOfEveryPart_NeverLongerThan99AsciiCharactersAndSeverityFirst()
    {
        int[] lengths = [0, 1, 11, 12, 13, 30, 50, 80, 99, 100, 150, 300];
        foreach (var head in lengths.Where(l => l > 0))
        {
            foreach (var target in lengths)
            {
                foreach (var outcome in lengths)
                {
                    var subject = SubjectLine.Compose(
                        "[CRITICAL][DRY RUN]",
                        new string('\u00e9', head),
                        target == 0 ? null : new string('t', target),
                        outcome == 0 ? null : new string('o', outcome));

                    AssertSnsSafe(subject);
                    Assert.StartsWith("[CRITICAL][DRY RUN] ?", subject, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Outcome_SucceededActions_ArePastTense()
    {
        var words = SubjectLine.Outcome([
            Action(ActionKind.CordonNode, ActionStatus.Succeeded),
            Action(ActionKind.DeletePod, ActionStatus.Succeeded),
            Action(ActionKind.Notify, ActionStatus.Succeeded),
        ]);

        Assert.Equal("cordoned, deleted", words);
    }

    [Fact]
    public void Outcome_PlannedActions_SayWhatWouldBeDone()
    {
        var words = SubjectLine.Outcome([
            Action(ActionKind.CordonNode, ActionStatus.Planned, "dry-run"),
            Action(ActionKind.DeletePod, ActionStatus.Planned, "dry-run"),
        ]);

        Assert.Equal("would cordon, delete", words);
    }

    [Fact]
    public void Outcome_PlannedAndSkippedActions_AreSaidTogetherByStatus()
    {
        var words = SubjectLine.Outcome([
            Action(ActionKind.LabelPod, ActionStatus.Planned, "dry-run"),
            Action(ActionKind.CordonNode, ActionStatus.Skipped, "protected-node: ip-10-0-1-23 matches *"),
            Action(ActionKind.DeletePod, ActionStatus.Planned, "dry-run"),
        ]);

        Assert.Equal("would label, delete; cordon skipped", words);
    }

    [Fact]
    public void Outcome_FailedAndSkippedActions_AreCalledOut()
    {
        var words = SubjectLine.Outcome([
            Action(ActionKind.LabelPod, ActionStatus.Succeeded),
            Action(ActionKind.CordonNode, ActionStatus.Skipped, "protected-node: ip-10-0-1-23 matches *"),
            Action(ActionKind.DeletePod, ActionStatus.Failed, "api-error: 500"),
        ]);

        Assert.Equal("labelled; cordon skipped; delete FAILED", words);
    }

    [Fact]
    public void Outcome_EveryClusterActionKind_HasItsOwnWord()
    {
        var words = SubjectLine.Outcome([
            Action(ActionKind.LabelPod, ActionStatus.Succeeded),
            Action(ActionKind.IsolatePod, ActionStatus.Succeeded),
            Action(ActionKind.CordonNode, ActionStatus.Succeeded),
            Action(ActionKind.TaintNode, ActionStatus.Succeeded),
            Action(ActionKind.EvictPod, ActionStatus.Succeeded),
            Action(ActionKind.DeletePod, ActionStatus.Succeeded),
        ]);

        Assert.Equal("labelled, isolated, cordoned, tainted, evicted, deleted", words);
    }

    [Fact]
    public void Outcome_NotifyOnly_IsNull()
    {
        Assert.Null(SubjectLine.Outcome([Action(ActionKind.Notify, ActionStatus.Planned)]));
        Assert.Null(SubjectLine.Outcome([]));
    }
}
