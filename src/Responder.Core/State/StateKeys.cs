using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Responder.Core.Alerts;
using Responder.Core.Policy;

namespace Responder.Core.State;

/// <summary>The partition keys of the state table: one namespace per kind of item, so they never collide.</summary>
public static class StateKeys
{
    /// <summary>
    /// The dedupe key of an alert: rule, namespace, pod, node and the output without its time prefix. Hashed, because the
    /// output is attacker-influenced text of any length and a key is at most 2 KiB; the unit separator keeps fields apart.
    /// A drill has keys of its own: it must neither be taken for a repeat of a real alert nor hide the real alert after it.
    /// </summary>
    public static string Alert(FalcoAlert alert, bool drill = false)
    {
        // Hashed field by field: one key per alert of a batch, so no joined copy of each output is made.
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, drill ? "drill" : "alert");
        Append(hash, alert.Rule);
        Append(hash, alert.Target.Namespace);
        Append(hash, alert.Target.Pod);
        Append(hash, alert.Target.Node);
        Append(hash, OutputPrefix.StripSpan(alert.ReadOutput()), last: true);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return "alert#" + Convert.ToHexStringLower(digest);
    }

    /// <summary>One action on one target for one alert: what a retry must not repeat.</summary>
    public static string Action(ActionKind kind, string? target, string alertKey) =>
        $"action#{kind.ToWire()}#{target ?? "-"}#{alertKey["alert#".Length..]}";

    /// <summary>A blast-radius counter of one cluster and window (the window start in epoch seconds).</summary>
    public static string Limit(string name, long windowStart) => $"limit#{name}#{windowStart}";

    /// <summary>Start of the fixed window holding <paramref name="now"/>, in epoch seconds.</summary>
    public static long WindowStart(DateTimeOffset now, TimeSpan window)
    {
        var seconds = (long)window.TotalSeconds;
        var epoch = now.ToUnixTimeSeconds();
        return epoch - (epoch % seconds);
    }

    // The unit separator keeps fields apart, as string.Join with it did: the same bytes, the same keys.
    private static void Append(IncrementalHash hash, ReadOnlySpan<char> field, bool last = false)
    {
        var length = Encoding.UTF8.GetMaxByteCount(field.Length) + 1;
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        Span<byte> buffer = rented ?? stackalloc byte[1024];
        var written = Encoding.UTF8.GetBytes(field, buffer);
        if (!last)
        {
            buffer[written++] = 0x1f;
        }

        hash.AppendData(buffer[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
