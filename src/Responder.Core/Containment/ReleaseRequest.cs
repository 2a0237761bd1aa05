namespace Responder.Core.Containment;

/// <summary>What an operator asks <c>responder release</c> to give back.</summary>
/// <param name="Nodes">Nodes to uncordon and untaint.</param>
/// <param name="Pods">Pods to take out of quarantine.</param>
public sealed record ReleaseRequest(IReadOnlyList<string> Nodes, IReadOnlyList<PodName> Pods)
{
    /// <summary>Also everything the cluster shows the responder holds: marked nodes, quarantined pods, quarantine policies.</summary>
    public bool All { get; init; }

    /// <summary>Read and report, write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Uncordon a node even when the cordon is not the responder's.</summary>
    public bool Force { get; init; }
}
