using System.Net;

namespace Responder.Kubernetes;

/// <summary>The reason a release step failed, in the words of the respond report; a missing object is named as such.</summary>
internal static class ReleaseErrors
{
    public static bool IsApiFailure(Exception ex) => ex is k8s.Autorest.HttpOperationException or HttpRequestException or IOException;

    /// <param name="ex">The failed call's exception.</param>
    /// <param name="what">The object, as "node n1" or "pod shop/web".</param>
    /// <param name="cancellationToken">The run's cancellation.</param>
    public static string Reason(Exception ex, string what, CancellationToken cancellationToken) =>
        KubeCalls.Status(ex) == HttpStatusCode.NotFound
            ? $"not-found: {what} does not exist"
            : KubeCalls.Failure(ex, cancellationToken).Reason!;
}
