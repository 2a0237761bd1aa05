using System.Reflection;
using System.Text.RegularExpressions;
using Responder.Core.Config;
using Responder.Harness;
using Responder.Lambda;
using Responder.Lambda.Logging;

namespace Responder.Contract.Tests;

/// <summary>
/// What the code knows and does, read from the code itself (types, and the AWS clients' sources),
/// so the template is checked against the code and not against a copy that could drift with it.
/// </summary>
internal static partial class CodeFacts
{
    // First: the static initializers run in order, and AwsActions reads these.

    /// <summary>S3 operations whose IAM action has another name.</summary>
    private static readonly Dictionary<string, string> IamNames = new(StringComparer.Ordinal)
    {
        ["s3:GetObjectLockConfiguration"] = "GetBucketObjectLockConfiguration",
    };

    /// <summary>Request parameters that IAM authorizes as actions of their own: a retention date, tags set on creation.</summary>
    private static readonly (string Parameter, string Action)[] ImpliedActions =
    [
        ("ObjectLockRetainUntilDate", "s3:PutObjectRetention"),
        ("TagSpecifications", "ec2:CreateTags"),
    ];

    /// <summary>The handler names the bootstrap accepts in _HANDLER.</summary>
    public static IReadOnlySet<string> Handlers { get; } = HandlerKind.Scopes.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Every variable the configuration reads: the constants of EnvironmentOverrides.</summary>
    public static IReadOnlySet<string> EnvironmentVariables { get; } = typeof(EnvironmentOverrides)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Variables the configuration reads that a deployed function must not set, each for a reason:
    /// what is left is exactly what the template has to set.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NotForTheFunction { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EnvironmentOverrides.Region] = "reserved: Lambda sets AWS_REGION itself",
        [EnvironmentOverrides.DefaultRegion] = "reserved: Lambda sets AWS_DEFAULT_REGION itself",
        [EnvironmentOverrides.ConfigPath] = "the bundled responder.toml beside bootstrap is the configuration",
        [EnvironmentOverrides.ClusterEndpoint] = "a cluster given directly (non-EKS, tests); the function describes its EKS cluster",
        [EnvironmentOverrides.ClusterCaFile] = "goes with the endpoint given directly",
        [EnvironmentOverrides.ClusterTokenFile] = "goes with the endpoint given directly; the function signs EKS tokens",
    };

    public static string MetricNamespace => EmfMetrics.Namespace;

    /// <summary>The metric names the bootstrap writes as EMF: ("Name", "Unit", value) in EmfMetrics.cs.</summary>
    public static IReadOnlySet<string> MetricNames { get; } =
        MetricName().Matches(Source("src/Responder.Lambda/Logging/EmfMetrics.cs")).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The state table's key and TTL attribute, from the constants the DynamoDB state writes with.</summary>
    public static (string Key, string ExpiresAt) StateAttributes { get; } = (
        StateConstant().Matches(Source("src/Responder.Aws/State/StateItems.cs")).Single(m => m.Groups[1].Value == "Key").Groups[2].Value,
        StateConstant().Matches(Source("src/Responder.Aws/State/StateItems.cs")).Single(m => m.Groups[1].Value == "ExpiresAt").Groups[2].Value);

    /// <summary>The prefix of the tags snapshot-node sets on every snapshot (its cluster tag is what the IAM grant requires).</summary>
    public static string SnapshotTagPrefix { get; } =
        StringConstant().Matches(Source("src/Responder.Kubernetes/Actions/SnapshotNode.cs")).Single(m => m.Groups[1].Value == "TagPrefix").Groups[2].Value;

    /// <summary>The IAM actions the code calls, from the clients that make the calls.</summary>
    public static IReadOnlySet<string> AwsActions { get; } = ReadActions();

    /// <summary>The calls <c>responder release</c> makes with an operator's credentials, never the function's: not in the template.</summary>
    public static IReadOnlySet<string> OperatorActions { get; } = ClientMethod().Matches(Source("src/Responder.Aws/SecurityHub/FindingUpdateClient.cs"))
        .Select(m => $"securityhub:{m.Groups[1].Value}").ToHashSet(StringComparer.Ordinal);

    /// <summary>The one product the function imports findings for: the account's default product in the stack's region.</summary>
    public const string DefaultProductArn = "arn:${AWS::Partition}:securityhub:${AWS::Region}:${AWS::AccountId}:product/${AWS::AccountId}/default";

    private static HashSet<string> ReadActions()
    {
        var actions = new HashSet<string>(StringComparer.Ordinal);
        // SNS Query API: the form field Action names the call.
        foreach (Match m in SnsAction().Matches(Source("src/Responder.Aws/Sns/SnsClient.cs")))
        {
            actions.Add($"sns:{m.Groups[1].Value}");
        }

        // EKS: each public async method of the client is one REST call of the same name.
        foreach (Match m in ClientMethod().Matches(Source("src/Responder.Aws/Eks/EksClient.cs")))
        {
            actions.Add($"eks:{m.Groups[1].Value}");
        }

        // Security Hub: each public async method of the function's client is one REST call of the same name.
        foreach (Match m in ClientMethod().Matches(Source("src/Responder.Aws/SecurityHub/SecurityHubClient.cs")))
        {
            actions.Add($"securityhub:{m.Groups[1].Value}");
        }

        // DynamoDB: the SDK calls the state table makes, c.GetItemAsync(...) and so on.
        foreach (var file in Directory.GetFiles(RepoFiles.Path("src/Responder.Aws/State"), "*.cs"))
        {
            foreach (Match m in DynamoCall().Matches(File.ReadAllText(file)))
            {
                actions.Add($"dynamodb:{m.Groups[1].Value}");
            }
        }

        // S3 and EC2: the SDK calls of the evidence clients, s3.PutObjectAsync(...) and ec2.CreateSnapshotsAsync(...), under the
        // names IAM gives them, and what a parameter of a call needs besides (IAM authorizes those separately).
        foreach (var file in Directory.GetFiles(RepoFiles.Path("src/Responder.Aws/Evidence"), "*.cs"))
        {
            var source = File.ReadAllText(file);
            foreach (Match m in EvidenceCall().Matches(source))
            {
                var (service, operation) = (m.Groups[1].Value, m.Groups[2].Value);
                actions.Add($"{service}:{IamNames.GetValueOrDefault($"{service}:{operation}", operation)}");
            }

            foreach (var (parameter, action) in ImpliedActions.Where(p => source.Contains(p.Parameter, StringComparison.Ordinal)))
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    private static string Source(string relative) => File.ReadAllText(RepoFiles.Path(relative));

    [GeneratedRegex("""\("([A-Za-z]+)", "(?:Count|Milliseconds)",""")]
    private static partial Regex MetricName();

    [GeneratedRegex("""public const string (\w+) = "(\w+)";""")]
    private static partial Regex StateConstant();

    [GeneratedRegex("""new\("Action", "([A-Za-z]+)"\)""")]
    private static partial Regex SnsAction();

    [GeneratedRegex(@"public async Task<\w+> (\w+)Async\(")]
    private static partial Regex ClientMethod();

    [GeneratedRegex(@"\bc\.(\w+)Async\(")]
    private static partial Regex DynamoCall();

    [GeneratedRegex(@"\b(s3|ec2)\.(\w+)Async\(")]
    private static partial Regex EvidenceCall();

    [GeneratedRegex("""public const string (\w+) = "([^"]*)";""")]
    private static partial Regex StringConstant();
}
