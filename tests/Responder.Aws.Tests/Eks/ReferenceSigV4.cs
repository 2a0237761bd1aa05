using System.Security.Cryptography;
using System.Text;

namespace Responder.Aws.Tests.Eks;

/// <summary>
/// SigV4 query-string signing written from the specification (docs.aws.amazon.com, "Create a signed
/// AWS API request"; aws-sig-v4-test-suite), independently of AWSSDK.Core, to check the product's tokens.
/// </summary>
internal static class ReferenceSigV4
{
    public static string PresignSignature(
        string host, IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> headers,
        string secret, DateTime signedAt, string region, string service)
    {
        var date = signedAt.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var stamp = signedAt.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var canonicalQuery = string.Join('&', query.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        var allHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = host };
        foreach (var (name, value) in headers)
        {
            allHeaders[name.ToLowerInvariant()] = value.Trim();
        }

        var canonicalRequest = string.Join('\n',
            "GET",
            "/",
            canonicalQuery,
            string.Concat(allHeaders.Select(h => $"{h.Key}:{h.Value}\n")),
            string.Join(';', allHeaders.Keys),
            Hex(SHA256.HashData([])));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", stamp, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date), region), service), "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    // RFC 3986 unreserved characters stay; everything else is percent-encoded with upper-case hex.
    private static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
