using System.Collections.Concurrent;
using System.Text;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// What the kubelets would answer for pods/log: each container's current log and the log of its previous instance
/// (the one before its last restart), and containers still waiting to start. Kept apart from the objects, as the
/// kubelet keeps logs apart from etcd.
/// </summary>
internal sealed class PodLogs
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container, bool Previous), byte[]> _logs = new();
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), string> _waiting = new();

    public void Write(string ns, string pod, string container, string text, bool previous) =>
        _logs[(ns, pod, container, previous)] = Encoding.UTF8.GetBytes(text);

    public void Waiting(string ns, string pod, string container, string reason) => _waiting[(ns, pod, container)] = reason;

    public void Clear()
    {
        _logs.Clear();
        _waiting.Clear();
    }

    public byte[]? Read(string ns, string pod, string container, bool previous) =>
        _logs.TryGetValue((ns, pod, container, previous), out var log) ? log : null;

    public string? WaitingReason(string ns, string pod, string container) => _waiting.TryGetValue((ns, pod, container), out var reason) ? reason : null;
}
