using System.Buffers;

namespace Responder.Core.Alerts;

/// <summary>
/// DNS-1123 checks, done before a name can reach any API call: alert fields are attacker-influenced.
/// </summary>
public static class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    // Every alert's namespace, pod and node are checked: the characters in one vectorised scan, then only the ends of each label.
    private static readonly SearchValues<char> LabelChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");
    private static readonly SearchValues<char> SubdomainChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-.");

    /// <summary>A DNS-1123 label: namespaces. Lowercase alphanumerics and '-', alphanumeric at both ends.</summary>
    public static bool IsLabel(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxLabelLength && IsLabelBody(name);

    /// <summary>A DNS-1123 subdomain: pods and nodes. Labels joined by '.'.</summary>
    public static bool IsSubdomain(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxSubdomainLength || name.ContainsAnyExcept(SubdomainChars))
        {
            return false;
        }

        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.Length is 0 or > MaxLabelLength || !IsAlphanumeric(label[0]) || !IsAlphanumeric(label[^1]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A Kubernetes uid: an RFC 4122 UUID in its 36-character form, as the API server writes it.</summary>
    public static bool IsUid(ReadOnlySpan<char> text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var ok = i is 8 or 13 or 18 or 23 ? text[i] == '-' : char.IsAsciiHexDigitLower(text[i]) || char.IsAsciiDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLabelBody(ReadOnlySpan<char> label)
    {
        return IsAlphanumeric(label[0]) && IsAlphanumeric(label[^1]) && !label.ContainsAnyExcept(LabelChars);
    }

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
