using Responder.Core.Alerts;

namespace Responder.Core.Config;

/// <summary>Shape checks for values that end up in AWS or Kubernetes calls.</summary>
internal static class Validators
{
    /// <summary>An AWS region such as eu-west-1 or us-gov-west-1.</summary>
    public static bool IsRegion(string text)
    {
        var parts = text.Split('-');
        return parts.Length >= 3 && parts[..^1].All(p => p.Length > 0 && p.All(char.IsAsciiLetterLower))
            && parts[^1].Length > 0 && parts[^1].All(char.IsAsciiDigit);
    }

    /// <summary>arn:partition:sns:region:account:topic (a .fifo suffix allowed).</summary>
    public static bool IsTopicArn(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal)
            && parts[2] == "sns" && IsRegion(parts[3]) && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit)
            && parts[5].Length is > 0 and <= 256 && parts[5].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }

    /// <summary>arn:partition:securityhub:region:account:product/company/name, such as an account's default product.</summary>
    public static bool IsProductArn(string text)
    {
        var parts = text.Split(':');
        var product = parts.Length == 6 ? parts[5].Split('/') : [];
        return parts.Length == 6 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal)
            && parts[2] == "securityhub" && IsRegion(parts[3]) && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit)
            && product.Length == 3 && product[0] == "product" && product[1].Length is > 0 and <= 64 && product[2].Length is > 0 and <= 128
            && product.Skip(1).All(p => p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
    }

    /// <summary>An EKS cluster name: 1 to 100 letters, digits, '-' and '_', starting alphanumeric.</summary>
    public static bool IsClusterName(string text) =>
        text.Length is > 0 and <= 100 && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A DynamoDB table name: 3 to 255 letters, digits, '_', '-' and '.'.</summary>
    public static bool IsTableName(string text) =>
        text.Length is >= 3 and <= 255 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>An S3 bucket name as general purpose buckets take them: 3 to 63 lower-case letters, digits, '.' and '-', alphanumeric at both ends.</summary>
    public static bool IsBucketName(string text) =>
        text.Length is >= 3 and <= 63 && char.IsAsciiLetterOrDigit(text[0]) && char.IsAsciiLetterOrDigit(text[^1])
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-') && !text.Contains("..", StringComparison.Ordinal);

    /// <summary>
    /// An S3 key prefix of the characters S3 calls safe, '*' left out (an IAM resource would read it as a wildcard): empty,
    /// or ending in '/' (so the IAM grant on prefix* covers exactly it), never starting with '/', no empty or dot-only segments.
    /// </summary>
    public static bool IsKeyPrefix(string text) =>
        text.Length == 0
        || (text.Length <= 256 && text[^1] == '/' && text[0] != '/'
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '!' or '-' or '_' or '.' or '\'' or '(' or ')' or '/')
            && text[..^1].Split('/').All(segment => segment.Length > 0 && segment.Trim('.').Length > 0));

    /// <summary>A KMS key as S3 takes one for SSE-KMS: a key ARN, a key id, an alias ARN or alias/name.</summary>
    public static bool IsKmsKey(string text) =>
        text.Length is > 0 and <= 2048 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '/' or '-' or '_')
        && (text.StartsWith("arn:aws", StringComparison.Ordinal) ? text.Split(':') is [_, _, "kms", var region, var account, var resource]
                && IsRegion(region) && account.Length == 12 && account.All(char.IsAsciiDigit) && (resource.StartsWith("key/", StringComparison.Ordinal) || resource.StartsWith("alias/", StringComparison.Ordinal))
            : text.StartsWith("alias/", StringComparison.Ordinal) || text.All(c => char.IsAsciiHexDigit(c) || c == '-') || text.StartsWith("mrk-", StringComparison.Ordinal));

    /// <summary>An absolute https URL, or null.</summary>
    public static Uri? HttpsUri(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

    /// <summary>An absolute http:// or https:// URL with a host, as the AWS SDKs take an endpoint override.</summary>
    public static Uri? HttpUri(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri : null;

    /// <summary>A file path: not blank, no control characters, at most 4096 characters.</summary>
    public static bool IsFilePath(string text) =>
        text.Length is > 0 and <= 4096 && !string.IsNullOrWhiteSpace(text) && !text.Any(char.IsControl);

    /// <summary>A CloudWatch Logs group name (letters, digits, '_', '-', '/', '.', '#', up to 512), or a glob over them.</summary>
    public static bool IsLogGroupPattern(string text) =>
        text.Length is > 0 and <= 512 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '/' or '.' or '#' or '*' or '?');

    /// <summary>A namespace name, or a glob over namespace names.</summary>
    public static bool IsNamespacePattern(string text) =>
        text.Length is > 0 and <= KubernetesNames.MaxLabelLength
        && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '*' or '?');

    /// <summary>A Kubernetes label key: an optional DNS subdomain prefix and '/', then a name of up to 63 characters.</summary>
    public static bool IsLabelKey(string text)
    {
        var slash = text.LastIndexOf('/');
        var name = slash < 0 ? text : text[(slash + 1)..];
        return (slash < 0 || KubernetesNames.IsSubdomain(text.AsSpan(0, slash))) && name.Length > 0 && IsLabelValue(name);
    }

    /// <summary>A Kubernetes label value: up to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends; may be empty.</summary>
    public static bool IsLabelValue(string text) =>
        text.Length == 0 || (text.Length <= KubernetesNames.MaxLabelLength
            && char.IsAsciiLetterOrDigit(text[0]) && char.IsAsciiLetterOrDigit(text[^1])
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
}
