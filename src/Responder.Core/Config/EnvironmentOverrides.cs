using Responder.Core.Matching;

namespace Responder.Core.Config;

/// <summary>
/// Deploy-time values from the environment (the template sets them on the function), which override the file (or,
/// for lists, add to it). An empty variable counts as unset, as SAM passes empty strings for parameters left blank.
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
    public const string TrustLogGroups = "RESPONDER_TRUST_LOG_GROUPS";
    public const string SecurityHub = "RESPONDER_SECURITYHUB";
    public const string SecurityHubProductArn = "RESPONDER_SECURITYHUB_PRODUCT_ARN";
    public const string NotificationFormat = "RESPONDER_NOTIFICATION_FORMAT";
    public const string EvidenceBucket = "RESPONDER_EVIDENCE_BUCKET";
    public const string EvidencePrefix = "RESPONDER_EVIDENCE_PREFIX";
    public const string EvidenceKmsKeyId = "RESPONDER_EVIDENCE_KMS_KEY_ID";
    public const string EvidenceRetentionDays = "RESPONDER_EVIDENCE_RETENTION_DAYS";
    public const string Region = "AWS_REGION";
    public const string DefaultRegion = "AWS_DEFAULT_REGION";

    /// <summary>The endpoint overrides of the AWS SDKs that the responder's AWS clients follow.</summary>
    public static readonly IReadOnlyList<string> EndpointVariables =
        [
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_DYNAMODB",
            "AWS_ENDPOINT_URL_SECURITYHUB", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_EC2",
        ];
    public const string ConfigPath = "RESPONDER_CONFIG";

    internal static ResponderConfig Apply(ResponderConfig config, Func<string, string?> environment, ConfigErrors errors)
    {
        if (Bool(environment, DryRun, errors) is { } dryRun)
        {
            config = config with { DryRun = dryRun };
        }

        if (Bool(environment, SecurityHub, errors) is { } findings)
        {
            config = config with { SecurityHub = config.SecurityHub with { Enabled = findings } };
        }

        if (Value(environment, SecurityHubProductArn) is { } product)
        {
            Check(product, Validators.IsProductArn, SecurityHubProductArn, "a Security Hub product ARN", errors);
            config = config with { SecurityHub = config.SecurityHub with { ProductArn = product } };
        }

        if (Value(environment, NotificationFormat) is { } formatText)
        {
            if (NotificationFormats.TryParse(formatText, out var format))
            {
                config = config with { Notifications = config.Notifications with { Format = format } };
            }
            else
            {
                errors.Add(NotificationFormat, $"expected {NotificationFormats.Expected}, got {Quote(formatText)}");
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
            Check(caFile, Validators.IsFilePath, ClusterCaFile, "a file path", errors);
            config = config with { Cluster = config.Cluster with { CaFile = caFile } };
        }

        if (Value(environment, ClusterTokenFile) is { } tokenFile)
        {
            Check(tokenFile, Validators.IsFilePath, ClusterTokenFile, "a file path", errors);
            config = config with { Cluster = config.Cluster with { TokenFile = tokenFile } };
        }

        // Read where the clients are made, but checked here: a bad value is a configuration error at start, not a
        // failure of the first notification.
        if (Value(environment, DefaultRegion) is { } defaultRegion)
        {
            Check(defaultRegion, Validators.IsRegion, DefaultRegion, "an AWS region", errors);
        }

        foreach (var name in EndpointVariables)
        {
            if (Value(environment, name) is { } url)
            {
                Check(url, u => Validators.HttpUri(u) is not null, name, "an http:// or https:// URL", errors);
            }
        }

        if (Value(environment, StateTable) is { } table)
        {
            Check(table, Validators.IsTableName, StateTable, "a DynamoDB table name", errors);
            config = config with { State = config.State with { Table = table } };
        }

        config = config with { Evidence = ApplyEvidence(config.Evidence, environment, errors) };

        if (Value(environment, ProtectedNamespaces) is { } namespaces)
        {
            config = config with { Policy = config.Policy with { ProtectedNamespaces = PolicyBinder.Union(config.Policy.ProtectedNamespaces, Namespaces(namespaces, errors)) } };
        }

        if (Value(environment, TrustLogGroups) is { } groups)
        {
            config = config with { Trust = config.Trust with { LogGroups = [.. config.Trust.LogGroups, .. LogGroups(groups, errors)] } };
        }

        return config;
    }

    /// <summary>
    /// The evidence bucket and how objects are kept in it: the template sets these from its parameters, so the bucket it
    /// made (or was given) and the IAM grant on its prefix are what the function writes to.
    /// </summary>
    private static EvidenceSettings ApplyEvidence(EvidenceSettings evidence, Func<string, string?> environment, ConfigErrors errors)
    {
        if (Value(environment, EvidenceBucket) is { } bucket)
        {
            Check(bucket, Validators.IsBucketName, EvidenceBucket, "an S3 bucket name", errors);
            evidence = evidence with { Bucket = bucket };
        }

        // Empty counts as unset, as for every variable: a prefix of "" is written in the file.
        if (Value(environment, EvidencePrefix) is { } prefix)
        {
            Check(prefix, Validators.IsKeyPrefix, EvidencePrefix, "a key prefix ending in '/'", errors);
            evidence = evidence with { Prefix = prefix };
        }

        if (Value(environment, EvidenceKmsKeyId) is { } key)
        {
            Check(key, Validators.IsKmsKey, EvidenceKmsKeyId, "a KMS key ARN, key id or alias", errors);
            evidence = evidence with { KmsKeyId = key };
        }

        if (Value(environment, EvidenceRetentionDays) is { } days)
        {
            if (int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                && parsed is >= 1 and <= EvidenceSettings.MaxRetentionDays)
            {
                evidence = evidence with { RetentionDays = parsed };
            }
            else
            {
                errors.Add(EvidenceRetentionDays, $"{Quote(days)} is not a number of days from 1 to {EvidenceSettings.MaxRetentionDays}");
            }
        }

        return evidence;
    }

    /// <summary>
    /// A comma-separated list added to trust.log_groups: the deployment that subscribes a log group only
    /// Falco writes to says so here, and the bundled file need not name the group.
    /// </summary>
    private static GlobPattern[] LogGroups(string list, ConfigErrors errors)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names.Where(n => !Validators.IsLogGroupPattern(n)))
        {
            errors.Add(TrustLogGroups, $"\"{name}\" is not a log group name or glob");
        }

        TrustWarnings.Check(names, "log group", TrustLogGroups, _ => TrustLogGroups, errors);
        return [.. names.Select(n => new GlobPattern(n))];
    }

    /// <summary>
    /// A comma-separated list added to the protected namespaces: a deployment parameter can protect more,
    /// and never unprotect kube-system or falco (that takes policy.system_namespaces in the file).
    /// </summary>
    private static string[] Namespaces(string list, ConfigErrors errors)
    {
        var names = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names.Where(n => !Validators.IsNamespacePattern(n)))
        {
            errors.Add(ProtectedNamespaces, $"\"{name}\" is not a namespace name or glob");
        }

        return names;
    }

    private static bool? Bool(Func<string, string?> environment, string name, ConfigErrors errors)
    {
        if (Value(environment, name) is not { } text)
        {
            return null;
        }

        if (bool.TryParse(text, out var parsed))
        {
            return parsed;
        }

        errors.Add(name, $"expected true or false, got {Quote(text)}");
        return null;
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static void Check(string value, Func<string, bool> valid, string name, string expected, ConfigErrors errors)
    {
        if (!valid(value))
        {
            errors.Add(name, $"{Quote(value)} is not {expected}");
        }
    }

    // A value is quoted bounded: a variable can hold kilobytes.
    private static string Quote(string value) => value.Length <= 120 ? $"\"{value}\"" : $"\"{value[..120]}…\" ({value.Length} characters)";
}
