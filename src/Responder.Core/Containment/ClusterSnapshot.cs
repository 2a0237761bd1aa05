namespace Responder.Core.Containment;

/// <summary>What the cluster port read before anything is written: the pods named by the batch, and the nodes.</summary>
/// <param name="Pods">Each pod asked for, by "namespace/name".</param>
/// <param name="Nodes">Every node by name (empty when no node action asked for them), or the failure to list them.</param>
public sealed record ClusterSnapshot(IReadOnlyDictionary<string, Lookup<PodFacts>> Pods, Lookup<IReadOnlyDictionary<string, NodeFacts>> Nodes);
