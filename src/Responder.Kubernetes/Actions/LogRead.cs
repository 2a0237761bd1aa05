namespace Responder.Kubernetes.Actions;

/// <summary>One container log as read: its bytes (the newest part when it was longer than the cap), or why there is none.</summary>
internal sealed record LogRead(byte[] Bytes, bool Truncated, string? Unavailable)
{
    public static LogRead None(string why) => new([], false, why);
}
