namespace Responder.Core.Evidence;

/// <summary>
/// A node's spec.providerID as the AWS cloud provider sets it on EKS: aws:///&lt;availability zone&gt;/&lt;instance id&gt;.
/// Fargate nodes and nodes of other clouds name no EC2 instance.
/// </summary>
public static class ProviderId
{
    private const string Scheme = "aws:///";

    /// <summary>The zone and instance the providerID names, or false when it names no EC2 instance.</summary>
    public static bool TryParse(string? providerId, out string zone, out string instanceId)
    {
        zone = instanceId = string.Empty;
        if (providerId is null || !providerId.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = providerId[Scheme.Length..].Split('/');
        if (parts is not [var z, var id] || z.Length == 0 || !IsInstanceId(id))
        {
            return false;
        }

        (zone, instanceId) = (z, id);
        return true;
    }

    /// <summary>i- and 8 or 17 lower-case hex digits.</summary>
    public static bool IsInstanceId(string text) =>
        text.StartsWith("i-", StringComparison.Ordinal) && text.Length is 10 or 19 && text[2..].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Whether an availability zone (eu-west-1a, us-west-2-lax-1a) is in the region.</summary>
    public static bool InRegion(string zone, string region) =>
        zone.StartsWith(region, StringComparison.Ordinal) && zone.Length > region.Length
        && (char.IsAsciiLetterLower(zone[region.Length]) || zone[region.Length] == '-');
}
