using Responder.Core.Policy;

namespace Responder.Core.Config;

/// <summary>
/// Deploy-time values from the environment (the template sets them on the function), which override the file. An empty
/// variable counts as unset, as SAM passes empty strings for parameters left blank.
/// </summary>
public static class EnvironmentOverrides
{
    public const string DryRun = "RESPONDER_DRY_RUN";
    public const string SnsTopicArn = "RESPONDER_SNS_TOPIC_ARN";
    public const string ClusterName = "RESPONDER_CLUSTER_NAME";
    public const string ClusterEndpoint = "RESPONDER_CLUSTER_ENDPOINT";
    public const string ClusterCaFile = "RESPONDER_CLUSTER_CA_FILE";
    public const string ClusterTokenFile = "RESPONDER_CLUSTER_TOKEN_FILE";
    public const string StateTable = "RESPONDER_STATE_TABLE";
    public const string ProtectedNamespaces = "RESPONDER_PROTECTED_NAMESPACES";
    public const string Region = "AWS_REGION";
    public const string ConfigPath = "RESPONDER_CONFIG";

    internal static ResponderConfig Apply(ResponderConfig config, Func<string, string?> environment, ConfigErrors errors)
    {
        if (Value(environment, DryRun) is { } dryRun)
        {
            if (bool.TryParse(dryRun, out var parsed))
            {
                config = config with { DryRun = parsed };
            }
            else
            {
                errors.Add(DryRun, $"expected true or false, got \"{dryRun}\"");
            }
        }

        if (Value(environment, SnsTopicArn) is { } topic)
        {
            Check(topic, Validators.IsTopicArn, SnsTopicArn, "an SNS topic ARN", errors);
            config = config with { Aws = config.Aws with { SnsTopicArn = topic } };
        }

        if (Value(environment, Region) is { } region)
        {
            Check(region, Validators.IsRegion, Region, "an AWS region", errors);
            config = config with { Aws = config.Aws with { Region = region } };
        }

        if (Value(environment, ClusterName) is { } cluster)
        {
            Check(cluster, Validators.IsClusterName, ClusterName, "an EKS cluster name", errors);
            config = config with { Cluster = config.Cluster with { Name = cluster } };
        }

        if (Value(environment, ClusterEndpoint) is { } endpoint)
        {
            var uri = Validators.HttpsUri(endpoint);
            Check(endpoint, _ => uri is not null, ClusterEndpoint, "an https:// URL", errors);
            config = config with { Cluster = config.Cluster with { Endpoint = uri } };
        }

        if (Value(environment, ClusterCaFile) is { } caFile)
        {
            config = config with { Cluster = config.Cluster with { CaFile = caFile } };
        }

        if (Value(environment, ClusterTokenFile) is { } tokenFile)
        {
            config = config with { Cluster = config.Cluster with { TokenFile = tokenFile } };
        }

        if (Value(environment, StateTable) is { } table)
        {
            Check(table, Validators.IsTableName, StateTable, "a DynamoDB table name", errors);
            config = config with { State = config.State with { Table = table } };
        }

        if (Value(environment, ProtectedNamespaces) is { } namespaces)
        {
            config = config with { Policy = config.Policy with { ProtectedNamespaces = Namespaces(namespaces, errors) } };
        }

        return config;
    }

    /// <summary>
    /// A comma-separated list that replaces policy.protected_namespaces, as an array in a file of yours
    /// replaces the default's: a deployment parameter can then be the whole list.
    /// </summary>
    private static GlobPattern[] Namespaces(string list, ConfigErrors errors)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names.Where(n => !Validators.IsNamespacePattern(n)))
        {
            errors.Add(ProtectedNamespaces, $"\"{name}\" is not a namespace name or glob");
        }

        if (!names.Contains("kube-system", StringComparer.Ordinal))
        {
            errors.Warn(ProtectedNamespaces, "kube-system is not protected: alerts there can lead to cluster actions");
        }

        return [.. names.Select(n => new GlobPattern(n))];
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static void Check(string value, Func<string, bool> valid, string name, string expected, ConfigErrors errors)
    {
        if (!valid(value))
        {
            errors.Add(name, $"\"{value}\" is not {expected}");
        }
    }
}
