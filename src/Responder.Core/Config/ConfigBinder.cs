using Responder.Core.Ingest;
using Tomlyn.Model;

namespace Responder.Core.Config;

/// <summary>Binds the merged TOML table to <see cref="ResponderConfig"/>, recording every problem.</summary>
internal static class ConfigBinder
{
    public static ResponderConfig Bind(TomlTable root, ConfigErrors errors)
    {
        var reader = new TableReader(root, string.Empty, errors);
        var config = new ResponderConfig
        {
            DryRun = reader.Bool("dry_run", true),
            Aws = BindAws(Section(reader, "aws")),
            Cluster = BindCluster(Section(reader, "cluster")),
            Notifications = BindNotifications(Section(reader, "notifications")),
            SecurityHub = BindSecurityHub(Section(reader, "securityhub")),
            Containment = BindContainment(Section(reader, "containment")),
            State = BindState(Section(reader, "state")),
            Evidence = BindEvidence(Section(reader, "evidence")),
            Limits = BindLimits(Section(reader, "limits")),
            Input = BindInput(Section(reader, "input")),
            Ranking = RankingBinder.Bind(Section(reader, "ranking")),
            Policy = PolicyBinder.Bind(Section(reader, "policy")),
            Trust = TrustBinder.Bind(Section(reader, "trust")),
        };
        reader.Finish();
        return config;
    }

    /// <summary>A section, or an empty one when it is missing or mistyped (the error is already recorded).</summary>
    internal static TableReader Section(TableReader parent, string key) =>
        parent.Table(key) ?? new TableReader(new TomlTable(), parent.PathOf(key), parent.Errors);

    private static AwsSettings BindAws(TableReader aws)
    {
        var region = NonEmpty(aws.String("region"));
        if (region is not null && !Validators.IsRegion(region))
        {
            aws.Error("region", $"\"{region}\" is not an AWS region (like eu-west-1)");
        }

        var topic = NonEmpty(aws.String("sns_topic_arn"));
        if (topic is not null && !Validators.IsTopicArn(topic))
        {
            aws.Error("sns_topic_arn", $"\"{topic}\" is not an SNS topic ARN (arn:aws:sns:region:account:name)");
        }

        aws.Finish();
        return new AwsSettings(region, topic);
    }

    private static ClusterSettings BindCluster(TableReader cluster)
    {
        var name = NonEmpty(cluster.String("name"));
        if (name is not null && !Validators.IsClusterName(name))
        {
            cluster.Error("name", $"\"{name}\" is not an EKS cluster name (letters, digits, '-' and '_', up to 100)");
        }

        var endpoint = NonEmpty(cluster.String("endpoint"));
        var caFile = NonEmpty(cluster.String("ca_file"));
        var tokenFile = NonEmpty(cluster.String("token_file"));
        cluster.Finish();
        var uri = Validators.HttpsUri(endpoint);
        if (endpoint is not null && uri is null)
        {
            cluster.Error("endpoint", $"\"{endpoint}\" is not an https:// URL");
        }

        if (endpoint is null && (caFile is not null || tokenFile is not null))
        {
            cluster.Error("endpoint", "required when ca_file or token_file is given");
        }

        return new ClusterSettings(name) { Endpoint = uri, CaFile = caFile, TokenFile = tokenFile };
    }

    private static ContainmentSettings BindContainment(TableReader table)
    {
        var minimumText = table.String("min_healthy_replicas") ?? "0";
        if (!ReplicaMinimum.TryParse(minimumText, out var minimum))
        {
            table.Error("min_healthy_replicas", $"\"{minimumText}\" is not a count (\"2\") or a percentage (\"50%\")");
        }

        var shareText = table.String("max_cordoned_share") ?? "30%";
        if (!ReplicaMinimum.TryParse(shareText, out var share) || !share.IsPercentage)
        {
            table.Error("max_cordoned_share", $"\"{shareText}\" is not a percentage (\"30%\")");
        }

        var labels = table.Strings("protected_node_labels");
        for (var i = 0; i < labels.Count; i++)
        {
            var key = labels[i].Split('=')[0];
            if (!Validators.IsLabelKey(key) || labels[i].Count(c => c == '=') > 1 || (labels[i].Contains('=') && !Validators.IsLabelValue(labels[i].Split('=')[1])))
            {
                table.Errors.Add($"{table.PathOf("protected_node_labels")}[{i}]", $"\"{labels[i]}\" is not a label selector (\"key\" or \"key=value\")");
            }
        }

        var settings = new ContainmentSettings
        {
            Concurrency = (int)table.Integer("concurrency", 8, 1, 64),
            SkipDaemonSetPods = table.Bool("skip_daemonset_pods", true),
            SkipStatefulSetPods = table.Bool("skip_statefulset_pods", false),
            SkipStandalonePods = table.Bool("skip_standalone_pods", false),
            MinHealthyReplicas = minimum,
            ProtectedNodeLabels = labels,
            MaxCordonedShare = share.Value / 100.0,
            ClockSkew = TimeSpan.FromSeconds(table.Integer("clock_skew_seconds", 5, 0, 300)),
        };
        table.Finish();
        return settings;
    }

    private static NotificationSettings BindNotifications(TableReader notifications)
    {
        var max = notifications.Integer("max_messages", 10, 1, 1000);
        var text = notifications.String("format") ?? "text";
        if (!NotificationFormats.TryParse(text, out var format))
        {
            notifications.Error("format", $"\"{text}\" is not {NotificationFormats.Expected}");
        }

        notifications.Finish();
        return new NotificationSettings((int)max, format);
    }

    private static SecurityHubSettings BindSecurityHub(TableReader securityHub)
    {
        var enabled = securityHub.Bool("enabled", false);
        var product = NonEmpty(securityHub.String("product_arn"));
        if (product is not null && !Validators.IsProductArn(product))
        {
            securityHub.Error("product_arn", $"\"{product}\" is not a Security Hub product ARN (arn:aws:securityhub:region:account:product/account/default)");
        }

        securityHub.Finish();
        return new SecurityHubSettings(enabled, product);
    }

    private static StateSettings BindState(TableReader state)
    {
        var table = NonEmpty(state.String("table"));
        if (table is not null && !Validators.IsTableName(table))
        {
            state.Error("table", $"\"{table}\" is not a DynamoDB table name (3 to 255 letters, digits, '_', '-' and '.')");
        }

        var settings = new StateSettings
        {
            Table = table,
            DedupeWindow = TimeSpan.FromSeconds(state.Integer("dedupe_window_seconds", 300, 0, 86_400)),
            ClaimLease = TimeSpan.FromSeconds(state.Integer("claim_lease_seconds", 60, 5, 3_600)),
            OutcomeTtl = TimeSpan.FromSeconds(state.Integer("outcome_ttl_seconds", 21_600, 600, 604_800)),
            LimitWindow = TimeSpan.FromSeconds(state.Integer("limit_window_seconds", 3_600, 60, 604_800)),
            MaxDeletes = (int)state.Integer("max_deletes", 20, 0, 100_000),
            MaxCordons = (int)state.Integer("max_cordons", 3, 0, 100_000),
            MaxSnapshots = (int)state.Integer("max_snapshots", 10, 0, 100_000),
        };
        state.Finish();
        if (settings.OutcomeTtl <= settings.ClaimLease)
        {
            state.Error("outcome_ttl_seconds", $"must be longer than claim_lease_seconds ({settings.ClaimLease.TotalSeconds:0})");
        }

        return settings;
    }

    private static EvidenceSettings BindEvidence(TableReader evidence)
    {
        var bucket = NonEmpty(evidence.String("bucket"));
        if (bucket is not null && !Validators.IsBucketName(bucket))
        {
            evidence.Error("bucket", $"\"{bucket}\" is not an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-')");
        }

        var prefix = evidence.String("prefix") ?? "falco-responder/";
        if (!Validators.IsKeyPrefix(prefix))
        {
            evidence.Error("prefix", $"\"{prefix}\" is not a key prefix (empty, or up to 256 letters, digits and !-_.'()/ ending in '/', not starting with '/')");
        }

        var key = NonEmpty(evidence.String("kms_key_id"));
        if (key is not null && !Validators.IsKmsKey(key))
        {
            evidence.Error("kms_key_id", $"\"{key}\" is not a KMS key (a key ARN, a key id, or an alias ARN or name)");
        }

        var settings = new EvidenceSettings
        {
            Bucket = bucket,
            Prefix = prefix,
            KmsKeyId = key,
            RetentionDays = (int)evidence.Integer("retention_days", 90, 1, EvidenceSettings.MaxRetentionDays),
            MaxLogBytesPerContainer = (int)evidence.Integer("max_log_bytes_per_container", EvidenceSettings.DefaultMaxLogBytes, 1024, 16 * 1024 * 1024),
        };
        evidence.Finish();
        return settings;
    }

    private static InputSettings BindInput(TableReader input)
    {
        var keys = input.Strings("merge_keys");
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length is 0 or > 128 || keys[i].Any(char.IsControl) || keys[i] == "kubernetes")
            {
                input.Errors.Add($"{input.PathOf("merge_keys")}[{i}]", $"\"{keys[i]}\" is not a key a shipper nests the alert under (1 to 128 printable characters, not kubernetes)");
            }
            else if (keys.Take(i).Contains(keys[i], StringComparer.Ordinal))
            {
                input.Errors.Add($"{input.PathOf("merge_keys")}[{i}]", $"\"{keys[i]}\" is listed twice");
            }
        }

        input.Finish();
        return new InputSettings { MergeKeys = new MergeKeys(keys) };
    }

    private static InputLimits BindLimits(TableReader limits)
    {
        const long KiB = 1024;
        var defaults = InputLimits.Default;
        var envelope = limits.Integer("max_envelope_bytes", defaults.MaxEnvelopeBytes, KiB, 1024 * KiB * KiB);
        var message = limits.Integer("max_message_bytes", defaults.MaxMessageBytes, KiB, envelope);
        var depth = limits.Integer("max_json_depth", defaults.MaxJsonDepth, 2, 256);
        var inflated = limits.Integer("max_document_inflated_bytes", defaults.MaxDocumentInflatedBytes, KiB, 16 * 1024 * KiB * KiB);
        var records = limits.Integer("max_document_records", defaults.MaxDocumentRecords, 1, 10_000_000);
        var lines = limits.Integer("max_document_lines", defaults.MaxDocumentLines, 2, 100_000_000);
        limits.Finish();
        return new InputLimits((int)envelope, (int)message, (int)depth)
        {
            MaxDocumentInflatedBytes = inflated,
            MaxDocumentRecords = (int)records,
            MaxDocumentLines = (int)lines,
        };
    }

    internal static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
