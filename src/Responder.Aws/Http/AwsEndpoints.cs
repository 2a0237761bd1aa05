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

        return new Uri($"https://{host}.{region}.{DnsSuffix(region)}/");
    }

    /// <summary>The endpoint the environment gives for the service, or null for the region's public one.</summary>
    public Uri? Override(string service)
    {
        var name = $"AWS_ENDPOINT_URL_{service}";
        var specific = environment(name);
        var given = !string.IsNullOrWhiteSpace(specific) ? specific.Trim() : environment("AWS_ENDPOINT_URL") is { } general && !string.IsNullOrWhiteSpace(general) ? general.Trim() : null;
        if (given is null)
        {
            return null;
        }

        // The configuration checks these variables at start; a client made without it still fails with the reason.
        return Uri.TryCreate(given.EndsWith('/') ? given : given + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new AwsServiceException(service, null, "InvalidEndpoint", $"{(string.IsNullOrWhiteSpace(specific) ? "AWS_ENDPOINT_URL" : name)} is not an http:// or https:// URL", retryable: false);
    }

    /// <summary>
    /// The DNS suffix of the region's partition, from the SDK's own endpoint table: amazonaws.com (aws, aws-us-gov),
    /// amazonaws.com.cn (aws-cn), and the isolated partitions'. A region the table does not know is taken to be in aws.
    /// </summary>
    public static string DnsSuffix(string region) =>
        Amazon.RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix is { Length: > 0 } suffix ? suffix
            : region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
}
