using System.Net;
using System.Text;

namespace Responder.Aws.Tests;

/// <summary>
/// Sits between the signer and the transport: answers the first requests with scripted faults
/// (a status and body, or an exception), then lets requests through. Records every attempt.
/// </summary>
internal sealed class FaultingHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] faults) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private int _attempts;

    public int Attempts => _attempts;

    public List<HttpRequestMessage> Requests { get; } = [];

    public static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode status, string code, string message = "injected") => _ =>
        new HttpResponseMessage(status)
        {
            Content = new StringContent(
                $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>x</RequestId></ErrorResponse>",
                Encoding.UTF8,
                "text/xml"),
        };

    public static Func<HttpRequestMessage, HttpResponseMessage> Reset() => _ => throw new HttpRequestException("connection reset by peer (injected)", new IOException("reset"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        lock (Requests)
        {
            Requests.Add(request);
        }

        return attempt <= faults.Length ? Task.FromResult(faults[attempt - 1](request)) : base.SendAsync(request, cancellationToken);
    }
}
