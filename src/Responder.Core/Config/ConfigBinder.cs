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
            Limits = BindLimits(Section(reader, "limits")),
            Ranking = RankingBinder.Bind(Section(reader, "ranking")),
            Policy = PolicyBinder.Bind(Section(reader, "policy")),
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

        cluster.Finish();
        return new ClusterSettings(name);
    }

    private static InputLimits BindLimits(TableReader limits)
    {
        const long KiB = 1024;
        var defaults = InputLimits.Default;
        var envelope = limits.Integer("max_envelope_bytes", defaults.MaxEnvelopeBytes, KiB, 1024 * KiB * KiB);
        var message = limits.Integer("max_message_bytes", defaults.MaxMessageBytes, KiB, envelope);
        var depth = limits.Integer("max_json_depth", defaults.MaxJsonDepth, 2, 256);
        limits.Finish();
        return new InputLimits((int)envelope, (int)message, (int)depth);
    }

    internal static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
