using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Responder.Harness.Kubernetes;

/// <summary>
/// The server's TCP connections by id, so that a fault can drop the whole connection as a reset
/// does: aborting only the request would reset just one HTTP/2 stream, which no network failure does.
/// </summary>
internal sealed class OpenConnections
{
    private readonly ConcurrentDictionary<string, ConnectionContext> _open = new(StringComparer.Ordinal);

    /// <summary>Kestrel connection middleware; it must run before TLS so that it holds the socket's connection.</summary>
    public ConnectionDelegate Track(ConnectionDelegate next) => async connection =>
    {
        _open[connection.ConnectionId] = connection;
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            _open.TryRemove(connection.ConnectionId, out _);
        }
    };

    /// <summary>Aborts the connection; false when it is not known (the caller then aborts the request).</summary>
    public bool Abort(string connectionId)
    {
        if (!_open.TryGetValue(connectionId, out var connection))
        {
            return false;
        }

        connection.Abort(new ConnectionAbortedException("fault injected by the fake API server"));
        return true;
    }
}
