using System.Net;
using Responder.Aws.Http;
using Responder.Aws.Sns;
using Responder.Harness.Servers;

namespace Responder.Aws.Tests.Http;

/// <summary>The standard retry mode as an SNS Publish sees it: the faults sit between the signer and the transport.</summary>
[Collection(FauxqsCollection.Name)]
public sealed class AwsRetryHandlerTests(FauxqsFixture fauxqs)
{
    private const string NoTopic = "arn:aws:sns:us-east-1:000000000000:never-reached";

    private SnsClient Client(HttpMessageHandler transport) =>
        new(AwsHttp.Create(Fauxqs.Credentials, "us-east-1", "sns", transport, retryDelay: TimeSpan.FromMilliseconds(5)), fauxqs.Server.Endpoint);

    private async Task<(string Topic, string Queue)> TopicAsync() => await fauxqs.Server.TopicWithQueueAsync($"retry-{Guid.NewGuid():N}");

    [Fact]
    public async Task Publish_500EveryTime_FailsAfterExactlyThreeAttemptsNamingTheCode()
    {
        var faults = new FaultingHandler(FaultingHandler.Times(5, FaultingHandler.Status(HttpStatusCode.InternalServerError, "InternalFailure", "boom")));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client(faults).PublishAsync(new SnsMessage(NoTopic, "s", "m"), CancellationToken.None));

        Assert.Equal(AwsRetryHandler.MaxAttempts, faults.Attempts);
        Assert.Equal(3, faults.Attempts);
        Assert.True(error.Retryable);
        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal("InternalFailure", error.Code);
        Assert.Equal("SNS: InternalFailure: boom", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Publish_RetryableStatusWithoutBodyEveryTime_FailsAfterThreeAttemptsNamingTheStatus(HttpStatusCode status)
    {
        var faults = new FaultingHandler(FaultingHandler.Times(5, FaultingHandler.Bare(status)));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client(faults).PublishAsync(new SnsMessage(NoTopic, "s", "m"), CancellationToken.None));

        Assert.Equal(3, faults.Attempts);
        Assert.True(error.Retryable);
        Assert.Equal($"Http{(int)status}", error.Code);
        Assert.Contains($"Http{(int)status}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Throttling")]
    [InlineData("Throttled")]
    [InlineData("ThrottlingException")]
    [InlineData("TooManyRequestsException")]
    [InlineData("RequestLimitExceeded")]
    public async Task Publish_ThrottlingCodeOn400EveryTime_IsRetriedThenFailsRetryable(string code)
    {
        var faults = new FaultingHandler(FaultingHandler.Times(5, FaultingHandler.Status(HttpStatusCode.BadRequest, code, "Rate exceeded")));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client(faults).PublishAsync(new SnsMessage(NoTopic, "s", "m"), CancellationToken.None));

        Assert.Equal(3, faults.Attempts);
        Assert.True(error.Retryable);
        Assert.Equal($"SNS: {code}: Rate exceeded", error.Message);
    }

    [Fact]
    public async Task Publish_429ThenSuccess_IsRetriedOnceAndArrives()
    {
        var (topic, queue) = await TopicAsync();
        var faults = new FaultingHandler(FaultingHandler.Bare(HttpStatusCode.TooManyRequests));

        await Client(faults).PublishAsync(new SnsMessage(topic, "s", "after a 429"), CancellationToken.None);

        Assert.Equal(2, faults.Attempts);
        Assert.Equal("after a 429", Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1))["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publish_ThrottlingExceptionThenSuccess_IsRetriedOnceAndArrives()
    {
        var (topic, queue) = await TopicAsync();
        var faults = new FaultingHandler(FaultingHandler.Status(HttpStatusCode.BadRequest, "ThrottlingException", "Rate exceeded"));

        await Client(faults).PublishAsync(new SnsMessage(topic, "s", "after throttling"), CancellationToken.None);

        Assert.Equal(2, faults.Attempts);
        Assert.Equal("after throttling", Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1))["Message"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationError")]
    [InlineData(HttpStatusCode.Forbidden, "InvalidClientTokenId")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData(HttpStatusCode.NotFound, "NotFound")]
    public async Task Publish_ErrorRetryingCannotFix_FailsAtOnceNotRetryable(HttpStatusCode status, string code)
    {
        var faults = new FaultingHandler(FaultingHandler.Times(5, FaultingHandler.Status(status, code, "refused")));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client(faults).PublishAsync(new SnsMessage(NoTopic, "s", "m"), CancellationToken.None));

        Assert.Equal(1, faults.Attempts);
        Assert.False(error.Retryable);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal($"SNS: {code}: refused", error.Message);
    }

    [Fact]
    public async Task Publish_ConnectionResetThenSuccess_IsRetriedAndArrives()
    {
        var (topic, queue) = await TopicAsync();
        var faults = new FaultingHandler(FaultingHandler.Reset(), FaultingHandler.Reset());

        await Client(faults).PublishAsync(new SnsMessage(topic, "s", "after two resets"), CancellationToken.None);

        Assert.Equal(3, faults.Attempts);
        Assert.Equal("after two resets", Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1))["Message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Publish_ConnectionResetEveryTime_FailsAfterThreeAttemptsAsRetryableTransportError()
    {
        var faults = new FaultingHandler(FaultingHandler.Times(5, FaultingHandler.Reset()));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Client(faults).PublishAsync(new SnsMessage(NoTopic, "s", "m"), CancellationToken.None));

        Assert.Equal(3, faults.Attempts);
        Assert.True(error.Retryable);
        Assert.Equal("Transport", error.Code);
        Assert.Null(error.Status);
        Assert.Contains("connection reset", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Publish_Retried_EveryAttemptIsSignedAfreshWithTheSameBody()
    {
        var (topic, queue) = await TopicAsync();
        var faults = new FaultingHandler(FaultingHandler.Status(HttpStatusCode.BadRequest, "Throttling", "Rate exceeded"));

        // The session is renewed between the attempts, as a role's is: a re-signed attempt carries the second session
        // and its signature, a replay the first ones again. (Not the clock: SigV4 dates have one-second resolution.)
        var credentials = new RenewedEveryCall();
        await new SnsClient(AwsHttp.Create(credentials, "us-east-1", "sns", faults, retryDelay: TimeSpan.FromMilliseconds(5)), fauxqs.Server.Endpoint)
            .PublishAsync(new SnsMessage(topic, "s", "signed twice"), CancellationToken.None);

        Assert.Equal(2, faults.Attempts);
        var authorizations = faults.Requests.Select(r => Assert.Single(r.Headers.GetValues("Authorization"))).ToList();
        var sessions = faults.Requests.Select(r => Assert.Single(r.Headers.GetValues("X-Amz-Security-Token"))).ToList();
        Assert.All(authorizations, a => Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDFAUXQS/", a, StringComparison.Ordinal));
        Assert.All(authorizations, a => Assert.Contains("/us-east-1/sns/aws4_request", a, StringComparison.Ordinal));
        Assert.Equal(["session-1", "session-2"], sessions);
        Assert.NotEqual(authorizations[0], authorizations[1]);
        Assert.NotSame(faults.Requests[0], faults.Requests[1]);
        Assert.Equal(faults.Bodies[0], faults.Bodies[1]);
        Assert.Single(await fauxqs.Server.ReceiveAsync(queue, 1));
    }

    /// <summary>Fauxqs's key with a new secret and session token each time the signer asks.</summary>
    private sealed class RenewedEveryCall : Amazon.Runtime.AWSCredentials
    {
        private int _calls;

        public override Amazon.Runtime.ImmutableCredentials GetCredentials()
        {
            var call = Interlocked.Increment(ref _calls);
            return new("AKIDFAUXQS", $"fauxqs-secret-{call}", $"session-{call}");
        }
    }
}
