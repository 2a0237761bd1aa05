using System.Net.Http.Headers;
using k8s.Authentication;

namespace Responder.Kubernetes;

/// <summary>A bearer token from a file (a service account token, a test token), read again when the file changes.</summary>
public sealed class FileTokenProvider(string path) : ITokenProvider
{
    private readonly Lock _lock = new();
    private (DateTime Written, string Token)? _current;

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        var written = File.GetLastWriteTimeUtc(path);
        lock (_lock)
        {
            if (_current is not { } current || current.Written != written)
            {
                _current = (written, File.ReadAllText(path).Trim());
            }

            return Task.FromResult(new AuthenticationHeaderValue("Bearer", _current.Value.Token));
        }
    }
}
