using System.Buffers;
using Responder.Core.Alerts;

namespace Responder.Core.Trust;

/// <summary>
/// The container a log stream is named after. Fluent Bit tailing /var/log/containers names the stream
/// from the file it reads (Container Insights: <c>&lt;node&gt;-application.var.log.containers.&lt;pod&gt;_&lt;namespace&gt;_&lt;container&gt;-&lt;id&gt;.log</c>),
/// and the kubelet names that file after the container that writes it: the stream name comes from the
/// shipper, as the kubernetes block does, never from the line.
/// </summary>
internal readonly record struct ContainerLogStream(string Pod, string Namespace, string Container)
{
    private const string Directory = "var.log.containers.";
    private const string Extension = ".log";
    private const int IdLength = 64;
    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdef");

    /// <summary>The container the stream is named after, or null when the name is not a container log file's.</summary>
    public static ContainerLogStream? Parse(string? stream)
    {
        if (stream is null || !stream.EndsWith(Extension, StringComparison.Ordinal))
        {
            return null;
        }

        // Read from the right: the id, container and namespace hold neither '_' nor '.', and the pod holds no
        // '_', so whatever prefix the shipper put before the directory cannot shift them.
        var name = stream.AsSpan(0, stream.Length - Extension.Length);
        var dash = name.LastIndexOf('-');
        if (dash < 0 || !IsContainerId(name[(dash + 1)..]))
        {
            return null;
        }

        name = name[..dash];
        var last = name.LastIndexOf('_');
        if (last < 0)
        {
            return null;
        }

        var container = name[(last + 1)..];
        name = name[..last];
        last = name.LastIndexOf('_');
        if (last < 0)
        {
            return null;
        }

        var ns = name[(last + 1)..];
        name = name[..last];
        var directory = name.IndexOf(Directory, StringComparison.Ordinal);
        if (directory < 0)
        {
            return null;
        }

        var pod = name[(directory + Directory.Length)..];
        return KubernetesNames.IsSubdomain(pod) && KubernetesNames.IsLabel(ns) && KubernetesNames.IsLabel(container)
            ? new ContainerLogStream(pod.ToString(), ns.ToString(), container.ToString())
            : null;
    }

    private static bool IsContainerId(ReadOnlySpan<char> id) =>
        id.Length == IdLength && !id.ContainsAnyExcept(Hex);
}
