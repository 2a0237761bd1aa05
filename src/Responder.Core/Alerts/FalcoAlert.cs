using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>
/// One Falco alert. Scalar fields are read once; <see cref="Json"/> and <see cref="OutputFields"/> are views over the
/// decoded record until it is decided, then read again from the alert's text on the rare occasions they are needed
/// (a notification), so a batch need not keep every record's parse.
/// </summary>
public sealed class FalcoAlert
{
    private string? _output;
    private string? _outputText;
    private JsonElement _json;
    private AlertFields? _fields;
    private ReadOnlyMemory<byte> _text;
    private bool _detached;

    public required string Rule { get; init; }

    public required FalcoPriority Priority { get; init; }

    /// <summary>Canonical Falco name for known priorities, else the text as received (bounded).</summary>
    public required string PriorityName { get; init; }

    /// <summary><c>syscall</c>, <c>k8s_audit</c>, <c>internal</c>...; falcosidekick's <c>syscalls</c> is normalised to <c>syscall</c>.</summary>
    public required string Source { get; init; }

    /// <summary>ISO-8601 UTC time of the event: the alert's own, else the log event's, else null.</summary>
    public required string? Time { get; init; }

    public required string? Hostname { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required AlertTarget Target { get; init; }

    public required AlertFields OutputFields
    {
        get => _fields ??= JsonFields.TryGet(Json, "output_fields", out var fields) && fields.ValueKind == JsonValueKind.Object ? new AlertFields(fields) : AlertFields.Empty;
        init => _fields = value;
    }

    /// <summary>The alert object as received (root, <c>log</c> or <c>log_processed</c>).</summary>
    public required JsonElement Json
    {
        get
        {
            if (_detached)
            {
                // Read again from the alert's own text: nesting was checked when it was first parsed.
                _json = JsonElement.Parse(_text.Span, new JsonDocumentOptions { MaxDepth = 256 });
                _detached = false;
            }

            return _json;
        }

        init => _json = value;
    }

    /// <summary>
    /// From now on <see cref="Json"/> and <see cref="OutputFields"/> are read from <paramref name="text"/> (the alert's JSON
    /// text, kept by the batch): the document they came from is about to be released.
    /// </summary>
    internal void Detach(ReadOnlyMemory<byte> text)
    {
        _text = text;
        _detached = true;
        _json = default;
        _fields = null;
    }

    /// <summary>The <c>output</c> line as Falco wrote it.</summary>
    public string Output => _output ??= JsonFields.GetText(Json, "output") ?? string.Empty;

    /// <summary>
    /// The output as UTF-8 for a one-time reader (the dedupe key of every alert of a batch), without making or keeping a
    /// string: written to <paramref name="destination"/> when it is escaped, else a view of the alert's own bytes.
    /// <paramref name="destination"/> must hold <see cref="OutputSize"/> bytes.
    /// </summary>
    internal ReadOnlySpan<byte> OutputUtf8(in JsonElement value, Span<byte> destination)
    {
        if (_output is not null || value.ValueKind != JsonValueKind.String)
        {
            var text = _output ?? JsonFields.AsText(value) ?? string.Empty;
            return destination[..Encoding.UTF8.GetBytes(text, destination)];
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw[1..^1].IndexOf((byte)'\\') < 0)
        {
            return raw[1..^1];
        }

        var reader = new Utf8JsonReader(raw);
        reader.Read();
        try
        {
            return destination[..reader.CopyString(destination)];
        }
        catch (InvalidOperationException)
        {
            // Text the runtime will not unescape (an escaped lone surrogate) is read as the string readers read it.
            return destination[..Encoding.UTF8.GetBytes(LenientText.GetString(value), destination)];
        }
    }

    /// <summary>The output's JSON value (undefined when there is none), for <see cref="OutputUtf8"/>.</summary>
    internal JsonElement OutputValue => JsonFields.TryGet(Json, "output", out var value) ? value : default;

    /// <summary>Bytes <see cref="OutputUtf8"/> may write: unescaping never lengthens text; replacing what is not text may triple it.</summary>
    internal int OutputSize(in JsonElement value) =>
        _output is not null ? Encoding.UTF8.GetMaxByteCount(_output.Length)
        : value.ValueKind == JsonValueKind.Undefined ? 0
        : 3 * JsonMarshal.GetRawUtf8Value(value).Length;

    /// <summary><see cref="Output"/> without its time and priority prefix: stable across repeats.</summary>
    public string OutputText => _outputText ??= OutputPrefix.Strip(Output);
}
