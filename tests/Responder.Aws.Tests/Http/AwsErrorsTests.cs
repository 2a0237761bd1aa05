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

    private const string Eks = "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/";
    private const string SecurityHub = "InvalidAccessException:http://internal.amazon.com/coral/com.amazonaws.securityhub.v2018_10_26/";

    /// <summary>Error bodies as each service writes them: its status, content type, x-amzn-ErrorType header and body.</summary>
    public static TheoryData<string, HttpStatusCode, string, string?, string, string, string> ErrorBodies() => new()
    {
        {
            "SNS: Query XML, indented, with a namespace", HttpStatusCode.Forbidden, "text/xml", null,
            """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error>
                <Type>Sender</Type>
                <Code>AuthorizationError</Code>
                <Message>User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: SNS:Publish</Message>
              </Error>
              <RequestId>9b2f3c4d-1111-2222-3333-444455556666</RequestId>
            </ErrorResponse>
            """,
            "AuthorizationError", "User: arn:aws:sts::123456789012:assumed-role/responder is not authorized to perform: SNS:Publish"
        },
        {
            "SNS: Query XML, compact", HttpStatusCode.BadRequest, "text/xml", null,
            "<?xml version=\"1.0\"?><ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>x</RequestId></ErrorResponse>",
            "Throttling", "Rate exceeded"
        },
        {
            "EKS: JSON, the code in the header before the colon", HttpStatusCode.NotFound, "application/json", Eks,
            """{"message":"No cluster found for name: prod-eks."}""",
            "ResourceNotFoundException", "No cluster found for name: prod-eks."
        },
        {
            "Security Hub: JSON with Code and Message, the header first", HttpStatusCode.Unauthorized, "application/json", SecurityHub,
            """{"Code":"InvalidAccessException","Message":"Account 123456789012 is not subscribed to AWS Security Hub"}""",
            "InvalidAccessException", "Account 123456789012 is not subscribed to AWS Security Hub"
        },
        {
            "DynamoDB: JSON, the code after the hash of __type", HttpStatusCode.BadRequest, "application/x-amz-json-1.0", null,
            """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate of requests exceeds the allowed throughput."}""",
            "ProvisionedThroughputExceededException", "Rate of requests exceeds the allowed throughput."
        },
        {
            "JSON with capitalised keys and nested values it skips", HttpStatusCode.BadRequest, "application/json", null,
            """{"details":{"Code":"Nested","Message":"nested"},"retry":3,"Code":"InvalidParameterException","Message":"bad name"}""",
            "InvalidParameterException", "bad name"
        },
    };

    [Theory]
    [MemberData(nameof(ErrorBodies))]
    public async Task Read_ErrorAsTheServiceWritesIt_GivesCodeAndMessage(
        string service, HttpStatusCode status, string mediaType, string? errorType, string body, string code, string message)
    {
        var read = await ReadAsync(Response(status, body, mediaType, errorType));

        Assert.Equal((service, code, message), (service, read.Code, read.Message));
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
