namespace Responder.Core.Containment;

/// <summary>
/// <c>responder release</c>, the reverse of containment: uncordon and untaint what the responder held, take pods out of
/// quarantine. Answers one line per step and target; a target that could not be released (or a cluster that could not
/// be reached) is a failed line, never an exception, and the other targets go on.
/// </summary>
public interface IClusterRelease
{
    Task<IReadOnlyList<ReleaseOutcome>> RunAsync(ReleaseRequest request, CancellationToken cancellationToken);
}
