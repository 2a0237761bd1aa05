namespace Responder.Aws.Http;

/// <summary>
/// Region and service endpoints as the AWS SDKs resolve them: AWS_ENDPOINT_URL_&lt;SERVICE&gt;, else
/// AWS_ENDPOINT_URL, else the public endpoint of the region.
/// </summary>
public sealed class AwsEndpoints(string region, Func<string, string?> environment)
{
    public string Region => region;

    /// <param name="service">The SDK service id: SNS, EKS, STS, DYNAMODB.</param>
    /// <param name="host">The endpoint prefix: sns, eks, sts, dynamodb.</param>
    public Uri For(string service, string host)
    {
        if (Override(service) is { } given)
        {
            return given;
        }

        var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{host}.{region}.{suffix}/");
    }

    /// <summary>The endpoint the environment gives for the service, or null for the region's public one.</summary>
    public Uri? Override(string service)
    {
        var specific = environment($"AWS_ENDPOINT_URL_{service}");
        var general = environment("AWS_ENDPOINT_URL");
        var given = !string.IsNullOrWhiteSpace(specific) ? specific : !string.IsNullOrWhiteSpace(general) ? general : null;
        return given is null ? null : new Uri(given.EndsWith('/') ? given : given + "/");
    }
}
