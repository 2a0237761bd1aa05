using System.Net;
using System.Net.Sockets;

namespace Responder.Harness.Servers;

/// <summary>
/// A 127.0.0.1 port that refuses connections for as long as this lives: bound, so no other process can take it, and
/// never listening, so a connection to it is refused at once. What an unreachable endpoint looks like, with no port
/// picked, released and hoped to stay free.
/// </summary>
public sealed class ClosedPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ClosedPort() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public void Dispose() => _socket.Dispose();
}
