using Responder.Core.Containment;
using Responder.Core.Response;
using Responder.Core.State;

namespace Responder.Hosting;

/// <summary>
/// The ports a live pipeline acts through; each is null when the configuration does not ask for it (no topic, no
/// cluster, no table: the state then stays in the process, no findings).
/// </summary>
public sealed record LivePorts(INotifier? Notifier, IClusterActions? Cluster, IResponseState? State, IFindings? Findings);
