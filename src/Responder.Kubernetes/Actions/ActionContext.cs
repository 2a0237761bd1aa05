using k8s;
using k8s.Models;
using Responder.Core.Config;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// What actioners share within one stage: the client, the call budget, the clock, the quarantine policies made so far,
/// the pods as the batch read them, and where evidence goes.
/// </summary>
internal sealed class ActionContext(IKubernetes client, KubeCalls calls, ContainmentSettings settings, TimeProvider time)
{
    public IKubernetes Client => client;

    public KubeCalls Calls => calls;

    public ContainmentSettings Settings => settings;

    public TimeProvider Time => time;

    public QuarantinePolicies Quarantine { get; } = new(client, calls);

    public EvidencePorts Evidence { get; init; } = EvidencePorts.None;

    /// <summary>Each pod the batch read, by "namespace/name", as the API server gave it.</summary>
    public IReadOnlyDictionary<string, V1Pod> PodsAsRead { get; init; } = new Dictionary<string, V1Pod>();
}
