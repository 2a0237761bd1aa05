using System.Web;

namespace Responder.Harness.Kubernetes;

/// <summary>One request as the fake received it, in arrival order, whatever became of it.</summary>
public sealed class RecordedRequest
{
    private const int DroppedMark = -1;
    private int _statusCode;

    internal RecordedRequest(long sequence, string method, string path, string query, string? contentType, string body, string protocol, IReadOnlyDictionary<string, string> headers, DateTimeOffset receivedAt)
    {
        Sequence = sequence;
        Method = method;
        Path = path;
        Query = query;
        ContentType = contentType;
        Body = body;
        Protocol = protocol;
        Headers = headers;
        ReceivedAt = receivedAt;
    }

    public long Sequence { get; }

    public string Method { get; }

    /// <summary>The path without the query, e.g. /api/v1/namespaces/shop/pods/web-1.</summary>
    public string Path { get; }

    /// <summary>The query with its leading ?, or empty.</summary>
    public string Query { get; }

    public string PathAndQuery => Path + Query;

    /// <summary>The Content-Type header as sent, parameters included (null without a body).</summary>
    public string? ContentType { get; }

    /// <summary>The request body as text (empty when there was none).</summary>
    public string Body { get; }

    /// <summary>"HTTP/1.1" or "HTTP/2".</summary>
    public string Protocol { get; }

    /// <summary>Request headers by lower-case name; repeated headers joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The status the fake answered with; null while it has not answered, and for a dropped connection.</summary>
    public int? StatusCode
    {
        get
        {
            var code = Volatile.Read(ref _statusCode);
            return code > 0 ? code : null;
        }
    }

    /// <summary>A query parameter's (first) value, decoded, or null.</summary>
    public string? QueryValue(string name) => HttpUtility.ParseQueryString(Query).GetValues(name)?.FirstOrDefault();

    /// <summary>Content-Type without parameters such as charset.</summary>
    public string? MediaType => ContentType?.Split(';')[0].Trim();

    /// <summary>True when a fault dropped the connection instead of answering.</summary>
    public bool ConnectionDropped => Volatile.Read(ref _statusCode) == DroppedMark;

    // Kestrel may still run response callbacks after an abort: the first outcome recorded stands.
    internal void Answered(int statusCode) => Interlocked.CompareExchange(ref _statusCode, statusCode, 0);

    internal void Dropped() => Interlocked.CompareExchange(ref _statusCode, DroppedMark, 0);

    public override string ToString() => $"{Method} {PathAndQuery} [{ContentType}] -> {(ConnectionDropped ? "dropped" : StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none")}";
}
