using System.Text;
using System.Web;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Responder.Aws.Eks;

namespace Responder.Aws.Tests.Eks;

public sealed class EksTokenProviderTests
{
    // The credentials and time of the public aws-sig-v4-test-suite.
    private const string AccessKey = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static EksTokenProvider Provider(TimeProvider time) =>
        new("falco-prod", new BasicAWSCredentials(AccessKey, Secret), "us-east-1", new Uri("https://sts.us-east-1.amazonaws.com/"), time);

    private static Uri Decode(string token)
    {
        Assert.StartsWith("k8s-aws-v1.", token, StringComparison.Ordinal);
        var payload = token["k8s-aws-v1.".Length..];
        Assert.DoesNotContain('=', payload);
        Assert.DoesNotContain('+', payload);
        Assert.DoesNotContain('/', payload);
        var base64 = payload.Replace('-', '+').Replace('_', '/');
        return new Uri(Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='))));
    }

    [Fact]
    public void Token_FixedClockAndSuiteCredentials_MatchesAnIndependentSigV4Presign()
    {
        var url = Decode(Provider(new FakeTimeProvider(SuiteTime)).Token());

        var query = HttpUtility.ParseQueryString(url.Query);
        var signature = query["X-Amz-Signature"];
        var signed = query.AllKeys.Where(k => k != "X-Amz-Signature").ToDictionary(k => k!, k => query[k]!);
        Assert.Equal("sts.us-east-1.amazonaws.com", url.Host);
        Assert.Equal("GetCallerIdentity", signed["Action"]);
        Assert.Equal("2011-06-15", signed["Version"]);
        Assert.Equal("60", signed["X-Amz-Expires"]);
        Assert.Equal("AWS4-HMAC-SHA256", signed["X-Amz-Algorithm"]);
        Assert.Equal("AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request", signed["X-Amz-Credential"]);
        Assert.Equal("20150830T123600Z", signed["X-Amz-Date"]);
        Assert.Equal("host;x-k8s-aws-id", signed["X-Amz-SignedHeaders"]);
        var expected = ReferenceSigV4.PresignSignature(
            url.Host, signed, new Dictionary<string, string> { ["x-k8s-aws-id"] = "falco-prod" }, Secret, SuiteTime.UtcDateTime, "us-east-1", "sts");
        Assert.Equal(expected, signature);
    }

    [Fact]
    public void Token_ForAnotherCluster_SignsADifferentHeader()
    {
        var time = new FakeTimeProvider(SuiteTime);
        var other = new EksTokenProvider("staging", new BasicAWSCredentials(AccessKey, Secret), "us-east-1", new Uri("https://sts.us-east-1.amazonaws.com/"), time);

        Assert.NotEqual(Provider(time).Token(), other.Token());
    }

    [Fact]
    public void Token_ReusedForFourteenMinutes_ThenRenewed()
    {
        var time = new FakeTimeProvider(SuiteTime);
        var provider = Provider(time);
        var first = provider.Token();

        time.Advance(TimeSpan.FromMinutes(13) + TimeSpan.FromSeconds(59));
        var stillFirst = provider.Token();
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = provider.Token();

        Assert.Equal(first, stillFirst);
        Assert.NotEqual(first, renewed);
        Assert.Contains("X-Amz-Date=20150830T125000Z", Decode(renewed).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticationHeader_IsABearerToken()
    {
        var header = await Provider(new FakeTimeProvider(SuiteTime)).GetAuthenticationHeaderAsync(CancellationToken.None);

        Assert.Equal("Bearer", header.Scheme);
        Assert.StartsWith("k8s-aws-v1.", header.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_SessionCredentials_CarryTheSecurityTokenInsideTheSignature()
    {
        // Lambda's credentials are always a role session: without the token STS refuses the signature.
        const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCWV1LXdlc3QtMSJHMEUCIQ+session/token=";
        var provider = new EksTokenProvider(
            "falco-prod", new SessionAWSCredentials(AccessKey, Secret, SessionToken), "us-east-1", new Uri("https://sts.us-east-1.amazonaws.com/"), new FakeTimeProvider(SuiteTime));

        var url = Decode(provider.Token());

        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(SessionToken, query["X-Amz-Security-Token"]);
        var signed = query.AllKeys.Where(k => k != "X-Amz-Signature").ToDictionary(k => k!, k => query[k]!);
        Assert.Contains("X-Amz-Security-Token", signed.Keys);
        var expected = ReferenceSigV4.PresignSignature(
            url.Host, signed, new Dictionary<string, string> { ["x-k8s-aws-id"] = "falco-prod" }, Secret, SuiteTime.UtcDateTime, "us-east-1", "sts");
        Assert.Equal(expected, query["X-Amz-Signature"]);
    }

    [Theory]
    [InlineData("eu-west-1", "sts.eu-west-1.amazonaws.com")]
    [InlineData("cn-north-1", "sts.cn-north-1.amazonaws.com.cn")]
    [InlineData("cn-northwest-1", "sts.cn-northwest-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", "sts.us-gov-west-1.amazonaws.com")]
    public void For_EachPartition_SignsForItsOwnStsHost(string region, string host)
    {
        var provider = EksTokenProvider.For("falco-prod", new BasicAWSCredentials(AccessKey, Secret), new Responder.Aws.Http.AwsEndpoints(region, _ => null), new FakeTimeProvider(SuiteTime));

        var url = Decode(provider.Token());

        Assert.Equal(host, url.Host);
        Assert.Contains($"/{region}/sts/aws4_request", HttpUtility.ParseQueryString(url.Query)["X-Amz-Credential"], StringComparison.Ordinal);
    }

    [Fact]
    public void For_StsEndpointOverride_IsWhereTheTokenPoints()
    {
        var endpoints = new Responder.Aws.Http.AwsEndpoints("eu-west-1", name => name == "AWS_ENDPOINT_URL_STS" ? "http://127.0.0.1:4566" : null);

        var url = Decode(EksTokenProvider.For("falco-prod", new BasicAWSCredentials(AccessKey, Secret), endpoints, new FakeTimeProvider(SuiteTime)).Token());

        Assert.Equal("127.0.0.1:4566", url.Authority);
    }
}
