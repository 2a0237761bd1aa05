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
    public static string Alert(FalcoAlert alert, bool drill = false) =>
        "alert#" + Hash(string.Join('\u001f', drill ? "drill" : "alert", alert.Rule, alert.Target.Namespace ?? string.Empty, alert.Target.Pod ?? string.Empty,
            alert.Target.Node ?? string.Empty, alert.OutputText));

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

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
