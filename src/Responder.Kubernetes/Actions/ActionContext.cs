using k8s;
using Responder.Core.Config;

namespace Responder.Kubernetes.Actions;

/// <summary>What actioners share within one stage: the client, the call budget, the clock, and the quarantine policies made so far.</summary>
internal sealed class ActionContext(IKubernetes client, KubeCalls calls, ContainmentSettings settings, TimeProvider time)
{
    public IKubernetes Client => client;

    public KubeCalls Calls => calls;

    public ContainmentSettings Settings => settings;

    public TimeProvider Time => time;

    public QuarantinePolicies Quarantine { get; } = new(client, calls);
}
