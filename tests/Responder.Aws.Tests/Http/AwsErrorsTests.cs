using System.Net;
using System.Text;
using Responder.Aws.Http;

namespace Responder.Aws.Tests.Http;

public sealed class AwsErrorsTests
{
    private static HttpResponseMessage Response(HttpStatusCode status, string? body, string mediaType = "text/xml", string? errorType = null)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        return response;
    }

    private static async Task<(string Code, string Message)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return await AwsErrors.ReadAsync(response, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Read_QueryXmlAsSnsWritesIt_GivesCodeAndMessage()
    {
        const string body = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error>
                <Type>Sender</Type>
                <Code>AuthorizationError</Code>
                <Message>User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: SNS:Publish</Message>
              </Error>
              <RequestId>9b2f3c4d-1111-2222-3333-444455556666</RequestId>
            </ErrorResponse>
            """;

        var (code, message) = await ReadAsync(Response(HttpStatusCode.Forbidden, body));

        Assert.Equal("AuthorizationError", code);
        Assert.Equal("User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: SNS:Publish", message);
    }

    [Fact]
    public async Task Read_CompactQueryXml_GivesCodeAndMessage()
    {
        const string body = "<?xml version=\"1.0\"?><ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>x</RequestId></ErrorResponse>";

        var (code, message) = await ReadAsync(Response(HttpStatusCode.BadRequest, body));

        Assert.Equal("Throttling", code);
        Assert.Equal("Rate exceeded", message);
    }

    [Fact]
    public async Task Read_JsonWithErrorTypeHeader_TakesTheCodeFromTheHeaderBeforeTheColon()
    {
        var response = Response(
            HttpStatusCode.NotFound,
            """{"message":"No cluster found for name: prod-eks."}""",
            "application/json",
            errorType: "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/");

        var (code, message) = await ReadAsync(response);

        Assert.Equal("ResourceNotFoundException", code);
        Assert.Equal("No cluster found for name: prod-eks.", message);
    }

    [Fact]
    public async Task Read_JsonWithNamespacedType_TakesTheCodeAfterTheHash()
    {
        var response = Response(
            HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate of requests exceeds the allowed throughput."}""",
            "application/x-amz-json-1.0");

        var (code, message) = await ReadAsync(response);

        Assert.Equal("ProvisionedThroughputExceededException", code);
        Assert.Equal("Rate of requests exceeds the allowed throughput.", message);
    }

    [Fact]
    public async Task Read_JsonWithCapitalisedKeysAndNestedValues_SkipsWhatItDoesNotKnow()
    {
        var response = Response(
            HttpStatusCode.BadRequest,
            """{"details":{"Code":"Nested","Message":"nested"},"retry":3,"Code":"InvalidParameterException","Message":"bad name"}""",
            "application/json");

        var (code, message) = await ReadAsync(response);

        Assert.Equal("InvalidParameterException", code);
        Assert.Equal("bad name", message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("<!DOCTYPE html><html><body>oops")]
    [InlineData("upstream connect error")]
    [InlineData("[1, 2]")]
    public async Task Read_BodyWithoutAnError_FallsBackToTheStatusAndReason(string? body)
    {
        var (code, message) = await ReadAsync(Response(HttpStatusCode.BadGateway, body, "text/html"));

        Assert.Equal("Http502", code);
        Assert.Equal("Bad Gateway", message);
    }

    [Fact]
    public async Task ToException_ThrottledResponse_IsRetryableAndNamesServiceCodeAndMessage()
    {
        using var response = Response(HttpStatusCode.BadRequest, "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>");

        var error = await AwsErrors.ToExceptionAsync("SNS", response, CancellationToken.None);

        Assert.Equal("SNS: Throttling: Rate exceeded", error.Message);
        Assert.Equal("SNS", error.Service);
        Assert.Equal("Rate exceeded", error.ServiceMessage);
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.True(error.Retryable);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, null)]
    [InlineData(HttpStatusCode.InternalServerError, null)]
    [InlineData(HttpStatusCode.BadGateway, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null)]
    [InlineData(HttpStatusCode.GatewayTimeout, null)]
    [InlineData(HttpStatusCode.BadRequest, "Throttling")]
    [InlineData(HttpStatusCode.BadRequest, "Throttled")]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException")]
    [InlineData(HttpStatusCode.BadRequest, "TooManyRequestsException")]
    [InlineData(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException")]
    [InlineData(HttpStatusCode.BadRequest, "RequestLimitExceeded")]
    [InlineData(HttpStatusCode.BadRequest, "SlowDown")]
    [InlineData(HttpStatusCode.BadRequest, "RequestTimeout")]
    [InlineData(HttpStatusCode.BadRequest, "InternalFailure")]
    public void IsRetryable_ThrottlingTransientOrServerError_IsTrue(HttpStatusCode status, string? code) =>
        Assert.True(AwsErrors.IsRetryable(status, code));

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "InvalidParameter")]
    [InlineData(HttpStatusCode.BadRequest, "ValidationException")]
    [InlineData(HttpStatusCode.Forbidden, "AuthorizationError")]
    [InlineData(HttpStatusCode.Forbidden, "InvalidClientTokenId")]
    [InlineData(HttpStatusCode.Forbidden, "AccessDeniedException")]
    [InlineData(HttpStatusCode.NotFound, "NotFound")]
    [InlineData(HttpStatusCode.NotFound, "ResourceNotFoundException")]
    [InlineData(HttpStatusCode.NotImplemented, null)]
    [InlineData(HttpStatusCode.BadRequest, null)]
    public void IsRetryable_ErrorRetryingCannotFix_IsFalse(HttpStatusCode status, string? code) =>
        Assert.False(AwsErrors.IsRetryable(status, code));
}
