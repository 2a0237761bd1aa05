using System.Net;
using System.Text;

namespace Responder.Aws.Tests;

/// <summary>
/// Sits between the signer and the transport: answers the first requests with scripted faults
/// (a status and body, or an exception; null lets that request through), then lets requests through.
/// Records every attempt and its body.
/// </summary>
internal sealed class FaultingHandler(params Func<HttpRequestMessage, HttpResponseMessage?>[] faults) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    // The body, read once by SendAsync, handed to the faults that look at it.
    private static readonly HttpRequestOptionsKey<string> BodyKey = new("FaultingHandler.Body");

    private int _attempts;

    public int Attempts => _attempts;

    public List<HttpRequestMessage> Requests { get; } = [];

    /// <summary>The body of every attempt, in order, read before the attempt went on.</summary>
    public List<string> Bodies { get; } = [];

    public static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode status, string code, string message = "injected") => _ =>
        new HttpResponseMessage(status)
        {
            Content = new StringContent(
                $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>x</RequestId></ErrorResponse>",
                Encoding.UTF8,
                "text/xml"),
        };

    /// <summary>A status with an empty body, as a load balancer in front of the service answers.</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage> Bare(HttpStatusCode status) => _ => new HttpResponseMessage(status);

    public static Func<HttpRequestMessage, HttpResponseMessage> Reset() => _ => throw new HttpRequestException("connection reset by peer (injected)", new IOException("reset"));

    /// <summary>The same fault <paramref name="count"/> times.</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage?>[] Times(int count, Func<HttpRequestMessage, HttpResponseMessage?> fault) =>
        [.. Enumerable.Repeat(fault, count)];

    /// <summary>The fault for requests whose form matches, the others go through.</summary>
    public static Func<HttpRequestMessage, HttpResponseMessage?> When(Func<Dictionary<string, string>, bool> matches, Func<HttpRequestMessage, HttpResponseMessage> fault) => request =>
        matches(Form(request.Options.TryGetValue(BodyKey, out var body) ? body : string.Empty)) ? fault(request) : null;

    /// <summary>A form body (application/x-www-form-urlencoded) as its fields.</summary>
    public static Dictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Decode(p[0]), p => p.Length > 1 ? Decode(p[1]) : string.Empty, StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        lock (Requests)
        {
            Requests.Add(request);
            Bodies.Add(body);
        }

        request.Options.Set(BodyKey, body);

        return (attempt <= faults.Length ? faults[attempt - 1](request) : null) ?? await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
