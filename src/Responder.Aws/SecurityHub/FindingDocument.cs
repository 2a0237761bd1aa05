using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Responder.Aws.Sns;
using Responder.Core.Policy;
using Responder.Core.Ranking;
using Responder.Core.Response;

namespace Responder.Aws.SecurityHub;

/// <summary>
/// One alert as a finding in the AWS Security Finding Format, written field by field. Text from the alert goes through
/// <see cref="AlertText"/> (control characters shown as escapes) and is cut to each field's limit. The response is in
/// ProductFields (one field per cluster action, with its status and reason) and in the Note; ASFF's <c>Action</c> is not
/// used, because it describes the activity observed (an API call, a connection), not what was done about it.
/// </summary>
public static class FindingDocument
{
    public const string SchemaVersion = "2018-10-08";
    public const string FieldPrefix = "falco-responder/";
    public const int MaxTitle = 256;
    public const int MaxDescription = 1024;
    public const int MaxFieldValue = 2048;
    public const int MaxNote = 512;
    public const int MaxOtherValue = 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(AlertOutcome outcome, string productArn, FindingContext context, DateTimeOffset now)
    {
        var alert = outcome.Alert;
        var severity = Label(outcome.Ranking.Severity);
        var score = outcome.Ranking.Score.ToString(CultureInfo.InvariantCulture);
        var types = FindingTypes.Of(alert.Tags);
        var first = Time(alert.Time, now);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("SchemaVersion"u8, SchemaVersion);
            json.WriteString("Id"u8, Id(outcome));
            json.WriteString("ProductArn"u8, productArn);
            json.WriteString("ProductName"u8, FindingContext.ProductName);
            json.WriteString("GeneratorId"u8, "falco-responder/rule/" + Fit(alert.Rule, 400));
            json.WriteString("AwsAccountId"u8, ProductArns.Account(productArn));
            Strings(json, "Types"u8, types);
            json.WriteString("FirstObservedAt"u8, first);
            json.WriteString("LastObservedAt"u8, Time(outcome.LastRepeatTime ?? alert.Time, now));
            json.WriteString("CreatedAt"u8, first);
            json.WriteString("UpdatedAt"u8, Stamp(now));
            Severity(json, severity, score);
            json.WriteString("Title"u8, Title(outcome));
            json.WriteString("Description"u8, Fit($"Falco {alert.PriorityName} ({alert.Source}): {alert.OutputText}", MaxDescription));
            ProductFields(json, outcome);
            Resources(json, outcome, productArn, context);
            json.WriteStartObject("FindingProviderFields"u8);
            Severity(json, severity, score);
            Strings(json, "Types"u8, types);
            json.WriteEndObject();
            json.WriteString("RecordState"u8, "ACTIVE");
            json.WriteBoolean("Sample"u8, outcome.Record.Origin.Drill);
            json.WriteStartObject("Note"u8);
            json.WriteString("Text"u8, Fit(Note(outcome), MaxNote));
            json.WriteString("UpdatedBy"u8, "falco-responder");
            json.WriteString("UpdatedAt"u8, Stamp(now));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The finding's id: the record-finding action's target, which the pipeline named.</summary>
    public static string Id(AlertOutcome outcome) => outcome.Actions.First(a => a.Kind == ActionKind.RecordFinding).Target!;

    /// <summary>ASFF's severity labels are ours, in capitals.</summary>
    public static string Label(Severity severity) => severity.ToWire().ToUpperInvariant();

    /// <summary>What the response came to, in a sentence: the same words as the notification's subject.</summary>
    public static string Note(AlertOutcome outcome)
    {
        var cluster = outcome.Actions.Where(a => a.Kind.IsClusterAction()).ToList();
        var said = SubjectLine.Outcome(cluster);
        var marks = (outcome.DryRun ? " Dry run: cluster actions were decided, not carried out." : string.Empty)
            + (outcome.Record.Origin.Drill ? " Drill, not a real alert." : string.Empty);
        return said is null ? $"Falco Responder: notified; no cluster action.{marks}" : $"Falco Responder: {said}.{marks}";
    }

    private static string Title(AlertOutcome outcome)
    {
        var target = outcome.Alert.Target;
        var where = target.HasPod ? $"{target.Namespace}/{target.Pod}" : target.Node is { } node ? $"node {node}" : null;
        var drill = outcome.Record.Origin.Drill ? "[DRILL] " : string.Empty;
        return Fit(where is null ? drill + outcome.Alert.Rule : $"{drill}{outcome.Alert.Rule} - {where}", MaxTitle);
    }

    private static void Severity(Utf8JsonWriter json, string label, string score)
    {
        json.WriteStartObject("Severity"u8);
        json.WriteString("Label"u8, label);
        json.WriteString("Original"u8, score);
        json.WriteEndObject();
    }

    private static void ProductFields(Utf8JsonWriter json, AlertOutcome outcome)
    {
        var alert = outcome.Alert;
        json.WriteStartObject("ProductFields"u8);
        Field(json, "falco/rule", alert.Rule);
        Field(json, "falco/priority", alert.PriorityName);
        Field(json, "falco/source", alert.Source);
        Field(json, "falco/hostname", alert.Hostname);
        Field(json, "falco/tags", alert.Tags.Count == 0 ? null : string.Join(",", alert.Tags));
        Field(json, "falco/output", alert.OutputText);
        Field(json, FieldPrefix + "score", outcome.Ranking.Score.ToString(CultureInfo.InvariantCulture));
        Field(json, FieldPrefix + "severity", outcome.Ranking.Severity.ToWire());
        Field(json, FieldPrefix + "alert-id", outcome.Id);
        Field(json, FieldPrefix + "alerts", (1 + outcome.Repeats).ToString(CultureInfo.InvariantCulture));
        Field(json, FieldPrefix + "policy-rules", string.Join(",", outcome.MatchedRules));
        Field(json, FieldPrefix + "dry-run", outcome.DryRun ? "true" : "false");
        Field(json, FieldPrefix + "drill", outcome.Record.Origin.Drill ? "true" : "false");
        Field(json, FieldPrefix + "outcome", SubjectLine.Outcome(outcome.Actions) ?? "notified");
        foreach (var action in outcome.Actions.Where(a => a.Kind.IsClusterAction()))
        {
            var reason = action.Reason is null ? string.Empty : $" ({action.Reason})";
            Field(json, FieldPrefix + "action/" + action.Kind.ToWire(), $"{action.Status.ToWire()}: {action.Target ?? "-"}{reason}");
        }

        if (Release(outcome) is { } release)
        {
            Field(json, FieldPrefix + "release", release);
        }

        json.WriteEndObject();
    }

    /// <summary>The command that undoes what succeeded, for the reader of the finding.</summary>
    public static string? Release(AlertOutcome outcome)
    {
        var held = outcome.Actions.Where(a => a.Status == ActionStatus.Succeeded && a.Target is not null
            && a.Kind is ActionKind.IsolatePod or ActionKind.CordonNode or ActionKind.TaintNode).ToList();
        if (held.Count == 0)
        {
            return null;
        }

        var options = held.Select(a => a.Kind == ActionKind.IsolatePod ? $"--pod {a.Target}" : $"--node {a.Target}").Distinct(StringComparer.Ordinal);
        return "responder release " + string.Join(' ', options);
    }

    private static void Resources(Utf8JsonWriter json, AlertOutcome outcome, string productArn, FindingContext context)
    {
        var target = outcome.Alert.Target;
        var partition = ProductArns.PartitionOf(productArn);
        var region = ProductArns.Region(productArn);
        json.WriteStartArray("Resources"u8);
        var any = false;
        if (target.HasPod)
        {
            var image = outcome.Alert.OutputFields.GetText("container.image.repository");
            var tag = outcome.Alert.OutputFields.GetText("container.image.tag");
            Other(json, $"pod/{context.ClusterId}/{target.Namespace}/{target.Pod}", partition, region,
                ("kind", "Pod"), ("cluster", context.ClusterId), ("namespace", target.Namespace), ("name", target.Pod), ("uid", target.PodUid),
                ("container", outcome.Alert.OutputFields.GetText("container.name")), ("image", image is null ? null : tag is null ? image : $"{image}:{tag}"));
            any = true;
        }

        if (target.Node is { } node)
        {
            Other(json, $"node/{context.ClusterId}/{node}", partition, region, ("kind", "Node"), ("cluster", context.ClusterId), ("name", node));
            any = true;
        }

        if (context.ClusterName is { } cluster)
        {
            json.WriteStartObject();
            json.WriteString("Type"u8, "AwsEksCluster");
            json.WriteString("Id"u8, $"arn:{partition}:eks:{region}:{ProductArns.Account(productArn)}:cluster/{cluster}");
            json.WriteString("Partition"u8, partition);
            json.WriteString("Region"u8, region);
            json.WriteStartObject("Details"u8);
            json.WriteStartObject("AwsEksCluster"u8);
            json.WriteString("Name"u8, cluster);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            any = true;
        }

        if (!any)
        {
            // A finding needs a resource: the host Falco ran on is all this alert names.
            Other(json, "host/" + Fit(outcome.Alert.Hostname ?? "unknown", 256, string.Empty), partition, region, ("kind", "Host"), ("name", outcome.Alert.Hostname));
        }

        json.WriteEndArray();
    }

    private static void Other(Utf8JsonWriter json, string id, string partition, string region, params (string Key, string? Value)[] details)
    {
        json.WriteStartObject();
        json.WriteString("Type"u8, "Other");
        json.WriteString("Id"u8, id);
        json.WriteString("Partition"u8, partition);
        json.WriteString("Region"u8, region);
        json.WriteStartObject("Details"u8);
        json.WriteStartObject("Other"u8);
        foreach (var (key, value) in details)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                json.WriteString(key, Fit(value, MaxOtherValue));
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter json, string key, string? value)
    {
        // An empty value says nothing, and Security Hub's filters cannot tell it from a missing one.
        if (!string.IsNullOrWhiteSpace(value))
        {
            json.WriteString(key, Fit(value, MaxFieldValue));
        }
    }

    /// <summary>The text on one line, within <paramref name="max"/> characters, the cut marker included.</summary>
    private static string Fit(string text, int max, string marker = AlertText.CutMarker) => AlertText.OneLine(text, max - marker.Length, marker);

    private static void Strings(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>An alert's time as ASFF takes it; missing, unreadable or ahead of the clock, the time of the import.</summary>
    private static string Time(string? text, DateTimeOffset now) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time <= now ? Stamp(time) : Stamp(now);

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
