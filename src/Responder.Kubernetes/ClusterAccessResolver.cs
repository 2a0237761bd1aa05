namespace Responder.Kubernetes;

/// <summary>
/// Finds how to reach the cluster once per process: what was found is kept across warm invocations; a failure is not
/// kept, so the next call asks again (a cluster still creating, a throttled lookup).
/// </summary>
/// <param name="find">Finds the access; throws when it cannot (the cluster port turns that into <see cref="ClusterUnavailableException"/>).</param>
public sealed class ClusterAccessResolver(Func<CancellationToken, Task<ClusterAccess>> find) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private ClusterAccess? _access;

    /// <summary>A cluster given with its own token (an endpoint and a token file): reached without any cloud lookup.</summary>
    public static ClusterAccessResolver WithTokenFile(Uri endpoint, string? caFile, string tokenFile) =>
        new(cancellationToken => ClusterAccess.GivenAsync(endpoint, caFile, () => new FileTokenProvider(tokenFile), cancellationToken));

    public async Task<ClusterAccess> ResolveAsync(CancellationToken cancellationToken)
    {
        if (_access is { } cached)
        {
            return cached;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _access ??= await find(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();
}
