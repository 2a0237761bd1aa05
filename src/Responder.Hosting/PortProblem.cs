namespace Responder.Hosting;

/// <summary>
/// Why the live ports could not be built: AWS credentials, or a region, that a configured port needs are missing. The
/// message says which; each host puts it in its own words (an init failure, a usage error, a failed release line).
/// </summary>
public sealed record PortProblem(string Message);
