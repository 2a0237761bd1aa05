using System.Net;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Responder.Core.Containment;
using Responder.Core.Policy;
using Responder.Core.Response;

namespace Responder.Kubernetes.Actions;

/// <summary>
/// The deny-all NetworkPolicies of isolate-pod: one per namespace and quarantine label set, named after the labels,
/// made once per batch however many pods need it. One that is already there is read and must be exactly that
/// deny-all policy: anyone allowed to create NetworkPolicies could have put an allow-all one under the name.
/// </summary>
internal sealed class QuarantinePolicies(IKubernetes client, KubeCalls calls)
{
    public const string NamePrefix = "falco-responder-quarantine";

    private readonly Dictionary<string, Task<PortResult>> _ensured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<Lookup<IReadOnlyList<V1NetworkPolicy>>>> _listed = new(StringComparer.Ordinal);

    /// <summary>The policy's name: the prefix and a hash of the label set, so two label sets never share (and weaken) one policy.</summary>
    public static string NameFor(IReadOnlyDictionary<string, string> labels)
    {
        var text = string.Join('\n', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        return $"{NamePrefix}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10]}";
    }

    /// <summary>Whether a policy by this name is one of the responder's (release removes only those).</summary>
    public static bool IsResponderName(string name) => name == NamePrefix || name.StartsWith(NamePrefix + "-", StringComparison.Ordinal);

    public Task<PortResult> EnsureAsync(string ns, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var name = NameFor(labels);
        lock (_ensured)
        {
            var key = $"{ns}/{name}";
            return _ensured.TryGetValue(key, out var made) ? made : _ensured[key] = CreateAsync(ns, name, labels, cancellationToken);
        }
    }

    /// <summary>The namespace's NetworkPolicies, listed once per batch.</summary>
    public Task<Lookup<IReadOnlyList<V1NetworkPolicy>>> ListAsync(string ns, CancellationToken cancellationToken)
    {
        lock (_listed)
        {
            return _listed.TryGetValue(ns, out var listed) ? listed : _listed[ns] = ListNamespaceAsync(ns, cancellationToken);
        }
    }

    private async Task<PortResult> CreateAsync(string ns, string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { [Evidence.Flagged] = "true" } },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = labels.ToDictionary() },
                PolicyTypes = ["Ingress", "Egress"],
                Ingress = [],
                Egress = [],
            },
        };
        try
        {
            await calls.RunAsync(t => client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(policy, ns, cancellationToken: t), cancellationToken, retryConflicts: false).ConfigureAwait(false);
            return new PortResult(ActionStatus.Succeeded, null);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.Conflict)
        {
            return await VerifyAsync(ns, name, labels, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }
    }

    private async Task<PortResult> VerifyAsync(string ns, string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        V1NetworkPolicy existing;
        try
        {
            existing = await calls.RunAsync(t => client.NetworkingV1.ReadNamespacedNetworkPolicyAsync(name, ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (KubeCalls.Status(ex) == HttpStatusCode.NotFound)
        {
            return new PortResult(ActionStatus.Failed, $"isolation-unverified: NetworkPolicy {ns}/{name} was there, then gone before it could be read") { Retryable = true };
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return KubeCalls.Failure(ex, cancellationToken);
        }

        return PolicyShape.DenyAllProblem(existing, labels) is { } problem
            ? new PortResult(ActionStatus.Failed, $"isolation-unverified: NetworkPolicy {ns}/{name} is already there but {problem}, so it does not isolate the pod")
            : new PortResult(ActionStatus.Succeeded, $"isolated: NetworkPolicy {name} was already in place");
    }

    private async Task<Lookup<IReadOnlyList<V1NetworkPolicy>>> ListNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        try
        {
            var list = await calls.RunAsync(t => client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns, cancellationToken: t), cancellationToken).ConfigureAwait(false);
            return new(list.Items.ToList(), null);
        }
        catch (Exception ex) when (KubeCalls.IsApiFailure(ex))
        {
            return new(null, KubeCalls.Failure(ex, cancellationToken));
        }
    }
}
