using System.Text.Json;
using Responder.Core.Policy;

namespace Responder.Lambda.Logging;

/// <summary>
/// The property names and fixed values of the per-alert log lines, encoded once: written thousands of times an
/// invocation, a name given as a string would be transcoded and checked for escaping every time.
/// </summary>
internal static class Names
{
    public static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
    public static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    public static readonly JsonEncodedText Priority = JsonEncodedText.Encode("priority");
    public static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
    public static readonly JsonEncodedText Pod = JsonEncodedText.Encode("pod");
    public static readonly JsonEncodedText Node = JsonEncodedText.Encode("node");
    public static readonly JsonEncodedText Score = JsonEncodedText.Encode("score");
    public static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    public static readonly JsonEncodedText DryRun = JsonEncodedText.Encode("dryRun");
    public static readonly JsonEncodedText Drill = JsonEncodedText.Encode("drill");
    public static readonly JsonEncodedText MatchedRules = JsonEncodedText.Encode("matchedRules");
    public static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
    public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
    public static readonly JsonEncodedText PolicyRule = JsonEncodedText.Encode("policyRule");

    public static readonly JsonEncodedText Info = JsonEncodedText.Encode("INFO");
    public static readonly JsonEncodedText Warn = JsonEncodedText.Encode("WARN");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("ERROR");
    public static readonly JsonEncodedText AlertDecided = JsonEncodedText.Encode("alert.decided");
    public static readonly JsonEncodedText AlertDecidedMessage = JsonEncodedText.Encode("alert decided");
    public static readonly JsonEncodedText ActionOutcome = JsonEncodedText.Encode("action.outcome");
    public static readonly JsonEncodedText ActionOutcomeMessage = JsonEncodedText.Encode("action outcome");

    private static readonly JsonEncodedText[] Kinds = [.. Enum.GetValues<ActionKind>().Select(k => JsonEncodedText.Encode(k.ToWire()))];
    private static readonly JsonEncodedText[] Statuses = [.. Enum.GetValues<ActionStatus>().Select(s => JsonEncodedText.Encode(s.ToWire()))];

    public static JsonEncodedText Kind(ActionKind kind) => Kinds[(int)kind];

    public static JsonEncodedText StatusOf(ActionStatus status) => Statuses[(int)status];
}
