using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Responder.Core.Alerts;
using Responder.Core.Policy;

namespace Responder.Core.State;

/// <summary>The partition keys of the state table: one namespace per kind of item, so they never collide.</summary>
public static class StateKeys
{
    private const string AlertPrefix = "alert#";

    /// <summary>
    /// The dedupe key of an alert: rule, namespace, pod, node and the output without its time prefix. Hashed, because the
    /// output is attacker-influenced text of any length and a key is at most 2 KiB; the unit separator keeps fields apart.
    /// A drill has keys of its own: it must neither be taken for a repeat of a real alert nor hide the real alert after it.
    /// </summary>
    public static string Alert(FalcoAlert alert, bool drill = false)
    {
        // One buffer, one hash: every alert of a batch is keyed, so no hashing object and no copy of the output as a
        // string (it is read from the alert's own UTF-8). The same bytes as ever, so the same keys.
        var value = alert.OutputValue;
        var fields = 1024 + Encoding.UTF8.GetMaxByteCount(alert.Rule.Length);
        var rented = ArrayPool<byte>.Shared.Rent(fields + (2 * alert.OutputSize(value)));
        try
        {
            var length = 0;
            Append(rented, ref length, drill ? "drill" : "alert");
            Append(rented, ref length, alert.Rule);
            Append(rented, ref length, alert.Target.Namespace);
            Append(rented, ref length, alert.Target.Pod);
            Append(rented, ref length, alert.Target.Node);
            var output = alert.OutputUtf8(value, rented.AsSpan(fields + alert.OutputSize(value)));
            output = output[OutputPrefix.PrefixLength(output)..];
            output.CopyTo(rented.AsSpan(length));
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, length + output.Length), digest);
            // Written in place: one string per alert, not the hex and then its concatenation.
            Span<char> key = stackalloc char[AlertPrefix.Length + 64];
            AlertPrefix.CopyTo(key);
            Convert.TryToHexStringLower(digest, key[AlertPrefix.Length..], out _);
            return new string(key);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
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
    private static void Append(byte[] buffer, ref int length, string? field)
    {
        length += Encoding.UTF8.GetBytes(field, buffer.AsSpan(length));
        buffer[length++] = 0x1f;
    }
}
