using Responder.Harness;
using YamlDotNet.RepresentationModel;

namespace Responder.Kubernetes.Tests.Rbac;

/// <summary>deploy/k8s/rbac.yaml as the API server would read it: ClusterRoles flattened to permissions, and bindings.</summary>
internal sealed class RbacManifest
{
    private readonly Dictionary<string, List<Permission>> _roles = new(StringComparer.Ordinal);
    private readonly List<(string Role, string Kind, string Subject)> _bindings = [];

    public static RbacManifest Load() => Parse(File.ReadAllText(RepoFiles.Path("deploy", "k8s", "rbac.yaml")));

    public static RbacManifest Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var manifest = new RbacManifest();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var name = Text(Child(root, "metadata"), "name");
            switch (Text(root, "kind"))
            {
                case "ClusterRole":
                    manifest._roles[name] = [.. Items(root, "rules").SelectMany(Expand)];
                    break;
                case "ClusterRoleBinding":
                    var role = Child(root, "roleRef");
                    Assert.Equal("ClusterRole", Text(role, "kind"));
                    manifest._bindings.AddRange(Items(root, "subjects").Select(s => (Text(role, "name"), Text(s, "kind"), Text(s, "name"))));
                    break;
                default:
                    throw new InvalidOperationException($"unexpected kind in rbac.yaml: {Text(root, "kind")}");
            }
        }

        return manifest;
    }

    public IReadOnlyList<Permission> Role(string name) =>
        _roles.TryGetValue(name, out var rules) ? rules : throw new InvalidOperationException($"no ClusterRole {name} in rbac.yaml");

    /// <summary>The ClusterRoles bound to a subject of the given kind (e.g. Group falco-responder).</summary>
    public IReadOnlyList<string> RolesBoundTo(string kind, string subject) =>
        [.. _bindings.Where(b => b.Kind == kind && b.Subject == subject).Select(b => b.Role).Order(StringComparer.Ordinal)];

    // A rule grants every verb on every resource of every group it lists. "*" would grant anything, which a
    // least-privilege role never needs, so it is refused rather than expanded.
    private static IEnumerable<Permission> Expand(YamlMappingNode rule)
    {
        var groups = List(rule, "apiGroups");
        var resources = List(rule, "resources");
        var verbs = List(rule, "verbs");
        Assert.DoesNotContain("*", groups.Concat(resources).Concat(verbs));
        Assert.False(rule.Children.ContainsKey(new YamlScalarNode("resourceNames")), "resourceNames narrows a rule in a way this check does not model");
        return from g in groups from r in resources from v in verbs select new Permission(g, r, v);
    }

    private static YamlMappingNode Child(YamlMappingNode node, string key) => (YamlMappingNode)node[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node[new YamlScalarNode(key)]).Value ?? "";

    private static string[] List(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node[new YamlScalarNode(key)]).Children.Select(c => ((YamlScalarNode)c).Value ?? "")];

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node[new YamlScalarNode(key)]).Children.Cast<YamlMappingNode>();
}
