namespace Responder.Core.Alerts;

/// <summary>
/// DNS-1123 checks, done before a name can reach any API call: alert fields are attacker-influenced.
/// </summary>
public static class KubernetesNames
{
    public const int MaxLabelLength = 63;
    public const int MaxSubdomainLength = 253;

    /// <summary>A DNS-1123 label: namespaces. Lowercase alphanumerics and '-', alphanumeric at both ends.</summary>
    public static bool IsLabel(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxLabelLength && IsLabelBody(name);

    /// <summary>A DNS-1123 subdomain: pods and nodes. Labels joined by '.'.</summary>
    public static bool IsSubdomain(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxSubdomainLength)
        {
            return false;
        }

        foreach (var range in name.Split('.'))
        {
            var label = name[range];
            if (label.Length is 0 or > MaxLabelLength || !IsLabelBody(label))
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
        if (!IsAlphanumeric(label[0]) || !IsAlphanumeric(label[^1]))
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!IsAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
