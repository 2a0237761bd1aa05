using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Responder.Aws.Evidence;
using Responder.Aws.Eks;
using Responder.Aws.Http;
using Responder.Aws.SecurityHub;
using Responder.Aws.Sns;
using Responder.Aws.State;
using Responder.Aws.Sts;
using Responder.Core.Config;
using Responder.Core.Policy;

namespace Responder.Aws;

/// <summary>
/// Builds the AWS adapters from the configuration and the environment. Each throws <see cref="AwsServiceException"/> (no
/// region) or <see cref="AmazonClientException"/> (no credentials) when what it needs is missing; the hosts' composition
/// root turns that into a problem they report.
/// </summary>
public static class AwsPorts
{
    /// <summary>The region: the configuration's (AWS_REGION already applied), else AWS_DEFAULT_REGION.</summary>
    public static string? Region(ResponderConfig config, Func<string, string?> environment) =>
        config.Aws.Region ?? (environment("AWS_DEFAULT_REGION") is { Length: > 0 } region ? region : null);

    /// <summary>
    /// The evidence bucket, or null when none is configured. Its AWS credentials and region are needed at start, as the
    /// topic's and the table's are.
    /// </summary>
    public static S3EvidenceStore? EvidenceStore(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        if (config.Evidence.Bucket is not { } bucket)
        {
            return null;
        }

        var region = Region(config, environment)
            ?? throw new AwsServiceException("S3", null, "NoRegion", "set AWS_REGION or aws.region to write evidence to the evidence bucket", retryable: false);
        var s3 = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region), MaxErrorRetry = AwsRetryHandler.MaxAttempts - 1 };
        if (new AwsEndpoints(region, environment).Override("S3") is { } endpoint)
        {
            // The SDK signs for the region it is given, whatever the endpoint; emulators answer path-style requests.
            s3.ServiceURL = endpoint.ToString();
            s3.AuthenticationRegion = region;
            s3.ForcePathStyle = true;
        }

        return new S3EvidenceStore(new AmazonS3Client(credentials ?? AwsCredentials.Default(), s3), bucket, config.Evidence, TimeProvider.System);
    }

    /// <summary>EC2 snapshots when a policy rule asks for them and the region is known (the client is made on first use), else null.</summary>
    public static Ec2Snapshots? Snapshots(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null) =>
        Region(config, environment) is { } region && config.Policy.Rules.Any(r => r.Actions.Any(a => a.Kind == ActionKind.SnapshotNode))
            ? new Ec2Snapshots(() => Ec2Client(region, environment, credentials), region)
            : null;

    private static AmazonEC2Client Ec2Client(string region, Func<string, string?> environment, AWSCredentials? credentials)
    {
        var ec2 = new AmazonEC2Config { RegionEndpoint = RegionEndpoint.GetBySystemName(region), MaxErrorRetry = AwsRetryHandler.MaxAttempts - 1 };
        if (new AwsEndpoints(region, environment).Override("EC2") is { } endpoint)
        {
            ec2.ServiceURL = endpoint.ToString();
            ec2.AuthenticationRegion = region;
        }

        return new AmazonEC2Client(credentials ?? AwsCredentials.Default(), ec2);
    }

    /// <summary>The EKS lookup and tokens of the configured cluster; its credentials and region are needed at start.</summary>
    public static EksAccess Eks(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        var region = Region(config, environment) ?? throw new AwsServiceException("EKS", null, "NoRegion", "set AWS_REGION or aws.region to reach an EKS cluster", retryable: false);
        return EksAccess.For(config.Cluster, credentials ?? AwsCredentials.Default(), new AwsEndpoints(region, environment), TimeProvider.System);
    }

    /// <summary>The DynamoDB state of <c>state.table</c> (RESPONDER_STATE_TABLE), or null to keep the state in the process.</summary>
    public static DynamoResponseState? State(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null, TimeProvider? time = null)
    {
        if (config.State.Table is not { } table)
        {
            return null;
        }

        var region = Region(config, environment) ?? throw new AwsServiceException("DynamoDB", null, "NoRegion", "set AWS_REGION or aws.region to use the state table", retryable: false);
        var settings = new AmazonDynamoDBConfig { RegionEndpoint = RegionEndpoint.GetBySystemName(region), MaxErrorRetry = AwsRetryHandler.MaxAttempts - 1 };
        if (new AwsEndpoints(region, environment).Override("DYNAMODB") is { } endpoint)
        {
            // The SDK signs for the region it is given, whatever the endpoint.
            settings.ServiceURL = endpoint.ToString();
            settings.AuthenticationRegion = region;
        }

        return new DynamoResponseState(new AmazonDynamoDBClient(credentials ?? AwsCredentials.Default(), settings), table, time ?? TimeProvider.System);
    }

    /// <summary>The Security Hub findings, or null unless <c>securityhub.enabled</c> (RESPONDER_SECURITYHUB).</summary>
    public static SecurityHubFindings? Findings(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null, TimeProvider? time = null)
    {
        if (!config.SecurityHub.Enabled)
        {
            return null;
        }

        credentials ??= AwsCredentials.Default();
        var (region, product) = Product(config, environment, credentials);
        var client = new SecurityHubClient(AwsHttp.Create(credentials, region, "securityhub"), new AwsEndpoints(region, environment).For("SECURITYHUB", "securityhub"));
        return new SecurityHubFindings(client, product, new FindingContext(config.Cluster.Name, config.Cluster.Id, time ?? TimeProvider.System));
    }

    /// <summary>The notes <c>responder release</c> puts on the findings of what it released, with the operator's credentials.</summary>
    public static ReleaseNotes ReleaseNotes(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null, TimeProvider? time = null)
    {
        credentials ??= AwsCredentials.Default();
        var (region, product) = Product(config, environment, credentials);
        var client = new FindingUpdateClient(AwsHttp.Create(credentials, region, "securityhub"), new AwsEndpoints(region, environment).For("SECURITYHUB", "securityhub"));
        return new ReleaseNotes(client, product, time ?? TimeProvider.System);
    }

    /// <summary>
    /// The region findings go to and the product they are for: the configured product ARN (its region), else the
    /// default product of the credentials' account in the configured region, asked of STS once and kept.
    /// </summary>
    private static (string Region, Func<CancellationToken, Task<string>> Product) Product(ResponderConfig config, Func<string, string?> environment, AWSCredentials credentials)
    {
        if (config.SecurityHub.ProductArn is { } arn)
        {
            return (ProductArns.Region(arn), _ => Task.FromResult(arn));
        }

        var region = Region(config, environment)
            ?? throw new AwsServiceException("SecurityHub", null, "NoRegion", "set AWS_REGION or aws.region, or securityhub.product_arn, to import findings", retryable: false);
        var sts = new StsClient(AwsHttp.Create(credentials, region, "sts"), new AwsEndpoints(region, environment).For("STS", "sts"));
        return (region, Once(async cancellationToken => ProductArns.Default(region, await sts.GetCallerIdentityAccountAsync(cancellationToken).ConfigureAwait(false))));
    }

    /// <summary>A lookup made once and kept, unless it failed: then the next call asks again.</summary>
    private static Func<CancellationToken, Task<string>> Once(Func<CancellationToken, Task<string>> find)
    {
        Task<string>? found = null;
        var gate = new Lock();
        return cancellationToken =>
        {
            lock (gate)
            {
                if (found is null || found.IsFaulted || found.IsCanceled)
                {
                    found = find(cancellationToken);
                }

                return found;
            }
        };
    }

    /// <summary>The SNS notifier, or null when no topic is configured.</summary>
    public static SnsNotifier? Notifier(ResponderConfig config, Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        if (config.Aws.SnsTopicArn is not { } topic)
        {
            return null;
        }

        // A topic ARN names its region; it wins over a missing or different AWS_REGION.
        var region = topic.Split(':')[3];
        var endpoints = new AwsEndpoints(region, environment);
        var http = AwsHttp.Create(credentials ?? AwsCredentials.Default(), region, "sns");
        var context = new NotificationContext(topic, config.Cluster.Name, config.Notifications.MaxMessages) { Format = config.Notifications.Format };
        return new SnsNotifier(new SnsClient(http, endpoints.For("SNS", "sns")), context);
    }
}
