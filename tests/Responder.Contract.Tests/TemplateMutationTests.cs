using Responder.Harness;

namespace Responder.Contract.Tests;

/// <summary>
/// The checks can fail: a copy of template.yaml (or the Makefile) with one thing broken must be
/// flagged with a problem that names it.
/// </summary>
public sealed class TemplateMutationTests
{
    private static readonly string TemplateText = File.ReadAllText(RepoFiles.Path("template.yaml"));
    private static readonly string Makefile = File.ReadAllText(RepoFiles.Path("Makefile"));

    private static List<string> ProblemsAfter(string find, string replace)
    {
        Assert.Contains(find, TemplateText, StringComparison.Ordinal);
        return TemplateCheck.Load(TemplateText.Replace(find, replace, StringComparison.Ordinal), Makefile).All();
    }

    [Theory]
    [InlineData("Action: sns:Publish", "Action: sns:*", "action \"sns:*\" has a wildcard")]
    [InlineData("Action: sns:Publish", "Action: \"*\"", "action \"*\" has a wildcard")]
    [InlineData("Action: eks:DescribeCluster", "Action: [eks:DescribeCluster, eks:ListClusters]", "eks:ListClusters is granted but the code never calls it")]
    [InlineData("dynamodb:UpdateItem]", "dynamodb:UpdateItem, dynamodb:Scan]", "dynamodb:Scan is granted but the code never calls it")]
    [InlineData("dynamodb:GetItem, ", "", "the code calls dynamodb:GetItem, which no statement grants")]
    [InlineData("Resource: !GetAtt StateTable.Arn", "Resource: \"*\"", "resource \"*\" for")]
    [InlineData("cluster/${ClusterName}\"", "cluster/*\"", "has a wildcard")]
    [InlineData("Resource: !GetAtt StateTable.Arn", "Resource: !GetAtt FailedEventQueue.Arn", "is not scoped to the dynamodb resource")]
    [InlineData("service-role/AWSLambdaVPCAccessExecutionRole", "AdministratorAccess", "is not one of")]
    [InlineData("Action: securityhub:BatchImportFindings", "Action: securityhub:*", "action \"securityhub:*\" has a wildcard")]
    [InlineData("Action: securityhub:BatchImportFindings", "Action: [securityhub:BatchImportFindings, securityhub:BatchUpdateFindings]",
        "securityhub:BatchUpdateFindings is granted but the code never calls it")]
    [InlineData("product/${AWS::AccountId}/default\"\n                - !Ref AWS::NoValue", "product/*\"\n                - !Ref AWS::NoValue", "has a wildcard")]
    [InlineData("product/${AWS::AccountId}/default\"\n                - !Ref AWS::NoValue", "product/${AWS::AccountId}/partner\"\n                - !Ref AWS::NoValue",
        "is not scoped to the securityhub resource")]
    public void Iam_WiderOrMissingGrants_AreFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Action: [s3:PutObject, s3:PutObjectRetention]", "Action: s3:PutObject", "the code calls s3:PutObjectRetention, which no statement grants")]
    [InlineData("Action: [s3:PutObject, s3:PutObjectRetention]", "Action: [s3:PutObject, s3:PutObjectRetention, s3:DeleteObject]", "s3:DeleteObject is granted but the code never calls it")]
    [InlineData("!Sub \"${EvidenceBucket.Arn}/${EvidencePrefix}*\"", "!Sub \"${EvidenceBucket.Arn}/*\"", "resource \"${EvidenceBucket.Arn}/*\" for s3:PutObject, s3:PutObjectRetention has a wildcard")]
    [InlineData("!Sub \"arn:${AWS::Partition}:s3:::${EvidenceBucketName}/${EvidencePrefix}*\"", "!Sub \"arn:${AWS::Partition}:s3:::*\"", "has a wildcard")]
    [InlineData("Action: s3:GetBucketObjectLockConfiguration", "Action: [s3:GetBucketObjectLockConfiguration, s3:ListBucket]", "s3:ListBucket is granted but the code never calls it")]
    [InlineData("Action: ec2:CreateTags\n", "Action: [ec2:CreateTags, ec2:DeleteTags]\n", "ec2:DeleteTags is granted but the code never calls it")]
    [InlineData("                    ec2:CreateAction: CreateSnapshots\n", "                    ec2:CreateAction: CreateVolume\n", "ec2:CreateTags must be conditioned on ec2:CreateAction = CreateSnapshots")]
    [InlineData("                    aws:RequestTag/falco-responder:cluster: !Ref ClusterName\n", "                    aws:RequestTag/owner: !Ref ClusterName\n", "ec2:CreateSnapshots on snapshots must be conditioned on aws:RequestTag/falco-responder:cluster")]
    [InlineData(":instance/*\"", ":*\"", "has a wildcard")]
    [InlineData("Resource: !Ref EvidenceKmsKeyArn", "Resource: !Ref TopicKmsKeyArn", "EvidenceKmsKeyArn must be granted exactly kms:GenerateDataKey")]
    public void Iam_EvidenceGrantsWiderOrMissing_AreFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Iam_SnapshotGrantWithoutItsCondition_IsFlagged()
    {
        const string Condition = "                Condition:\n                  StringEquals:\n                    ec2:CreateAction: CreateSnapshots\n";

        Assert.Contains(ProblemsAfter(Condition, ""), p => p.Contains("ec2:CreateTags on snapshots needs exactly a StringEquals condition", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("    Type: AWS::S3::Bucket\n    Condition: CreatesEvidenceBucket\n    DeletionPolicy: Retain\n", "    Type: AWS::S3::Bucket\n    Condition: CreatesEvidenceBucket\n    DeletionPolicy: Delete\n", "EvidenceBucket: evidence must outlive the stack")]
    [InlineData("        RestrictPublicBuckets: true", "        RestrictPublicBuckets: false", "EvidenceBucket: PublicAccessBlockConfiguration RestrictPublicBuckets must be true")]
    [InlineData("        BlockPublicPolicy: true\n", "", "EvidenceBucket: PublicAccessBlockConfiguration BlockPublicPolicy must be true")]
    [InlineData("SSEAlgorithm: !If [HasEvidenceKey, \"aws:kms\", AES256]", "SSEAlgorithm: AES256", "EvidenceBucket: SSEAlgorithm must be aws:kms with EvidenceKmsKeyArn")]
    [InlineData("      VersioningConfiguration:\n        Status: Enabled", "      VersioningConfiguration:\n        Status: Suspended", "EvidenceBucket: versioning must be Enabled")]
    [InlineData("      ObjectLockEnabled: true\n", "", "EvidenceBucket: Object Lock must be enabled")]
    [InlineData("ExpirationInDays: !Ref EvidenceRetentionDays", "ExpirationInDays: 30", "EvidenceBucket: a lifecycle rule must expire objects after EvidenceRetentionDays")]
    [InlineData("                aws:SecureTransport: \"false\"", "                aws:SecureTransport: \"true\"", "EvidenceBucket: no bucket policy denies requests without TLS")]
    public void EvidenceBucket_Weakened_IsFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Handler_UnknownToTheBootstrap_IsFlagged()
    {
        Assert.Contains(ProblemsAfter("Handler: respond", "Handler: responder"), p => p.Contains("Handler \"responder\" is not one of", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("          RESPONDER_DRY_RUN: !Ref DryRun\n", "", "does not set RESPONDER_DRY_RUN")]
    [InlineData("          RESPONDER_DRY_RUN: !Ref DryRun\n", "          RESPONDER_DRY_RUN: !Ref DryRun\n          RESPONDER_DRYRUN: \"true\"\n", "sets RESPONDER_DRYRUN, which the configuration does not read")]
    [InlineData("          RESPONDER_DRY_RUN: !Ref DryRun\n", "          RESPONDER_DRY_RUN: !Ref DryRun\n          RESPONDER_CONFIG: custom.toml\n", "sets RESPONDER_CONFIG, which the function must not set")]
    public void Environment_Drift_IsFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LogGroupName: !Ref FalcoLogGroupName", "LogGroupName: /aws/lambda/falco-responder", "LogGroupName must be !Ref <a parameter>")]
    [InlineData("AllowedPattern: \"^(?!/aws/lambda/)[", "AllowedPattern: \"^[", "must refuse /aws/lambda/<FunctionName>")]
    [InlineData("(?!/aws/lambda/)", "(?!/aws/lambda/falco-responder$)", "must refuse /aws/lambda/<FunctionName>")]
    [InlineData("(?!/aws/lambda/)", "(?!/aws/)", "refuses /aws/containerinsights/prod/application")]
    public void OwnLogGroup_Unguarded_IsFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ResponderLogGroup:\n    Type: AWS::Logs::LogGroup\n    DeletionPolicy: Retain\n", "ResponderLogGroup:\n    Type: AWS::Logs::LogGroup\n", "ResponderLogGroup: no DeletionPolicy")]
    [InlineData("    DeletionPolicy: Delete\n    UpdateReplacePolicy: Delete\n", "    DeletionPolicy: Delete\n", "StateTable: no UpdateReplacePolicy")]
    [InlineData("Type: AWS::SQS::Queue\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n", "Type: AWS::SQS::Queue\n", "FailedEventQueue: no DeletionPolicy")]
    public void Retention_Undecided_IsFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AttributeName: expiresAt", "AttributeName: ttl", "StateTable: TTL must be enabled on expiresAt")]
    [InlineData("AttributeName: expiresAt\n        Enabled: true", "AttributeName: expiresAt\n        Enabled: false", "StateTable: TTL must be enabled on expiresAt")]
    [InlineData("{ AttributeName: pk, KeyType: HASH }", "{ AttributeName: id, KeyType: HASH }", "StateTable: the key must be the hash key pk")]
    public void StateTable_OtherThanTheCodeWrites_IsFlagged(string find, string replace, string problem)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void Iam_KeyGrantOnAnotherResource_IsFlagged()
    {
        Assert.Contains(
            ProblemsAfter("Resource: !Ref TopicKmsKeyArn", "Resource: !Sub \"arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*\""),
            p => p.Contains("kms:Decrypt, kms:GenerateDataKey is not scoped to the kms resource", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_MissingMakefileTarget_IsFlagged()
    {
        var problems = TemplateCheck.Load(TemplateText, Makefile.Replace("build-ResponderFunction:", "build-Other:", StringComparison.Ordinal)).All();

        Assert.Contains("ResponderFunction: the Makefile has no build-ResponderFunction target", problems);
    }

    [Fact]
    public void Build_OtherBuildMethod_IsFlagged()
    {
        Assert.Contains("ResponderFunction: Metadata BuildMethod must be makefile", ProblemsAfter("BuildMethod: makefile", "BuildMethod: dotnet7"));
    }

    [Fact]
    public void Dashboard_MetricTheCodeDoesNotWrite_IsFlagged()
    {
        Assert.Contains(
            "Dashboard: metric Latency is neither written by the bootstrap nor by a metric filter",
            ProblemsAfter("[\"FalcoResponder\",\"Duration\",", "[\"FalcoResponder\",\"Latency\","));
    }

    [Fact]
    public void Dashboard_BrokenJson_IsFlagged()
    {
        Assert.Contains(
            "Dashboard: DashboardBody is not JSON once its ${...} are substituted",
            ProblemsAfter("\"width\":24,", "\"width\":24"));
    }

    // The subscribed group is trusted on its name alone only when the deployer says only Falco writes there.
    [Theory]
    [InlineData("RESPONDER_TRUST_LOG_GROUPS: !If [TrustsFalcoLogGroup, !Ref FalcoLogGroupName, \"\"]", "RESPONDER_TRUST_LOG_GROUPS: !Ref FalcoLogGroupName")]
    [InlineData("RESPONDER_TRUST_LOG_GROUPS: !If [TrustsFalcoLogGroup, !Ref FalcoLogGroupName, \"\"]", "RESPONDER_TRUST_LOG_GROUPS: \"*\"")]
    [InlineData("RESPONDER_TRUST_LOG_GROUPS: !If [TrustsFalcoLogGroup, !Ref FalcoLogGroupName, \"\"]", "RESPONDER_TRUST_LOG_GROUPS: !If [TrustsFalcoLogGroup, !Ref FalcoLogGroupName, !Ref FalcoLogGroupName]")]
    [InlineData("RESPONDER_TRUST_LOG_GROUPS: !If [TrustsFalcoLogGroup, !Ref FalcoLogGroupName, \"\"]", "RESPONDER_TRUST_LOG_GROUPS: !If [TrustsFalcoLogGroup, !Ref FilterPattern, \"\"]")]
    [InlineData("TrustsFalcoLogGroup: !Equals [!Ref FalcoLogGroupIsDedicated, \"true\"]", "TrustsFalcoLogGroup: !Equals [!Ref FalcoLogGroupIsDedicated, \"false\"]")]
    [InlineData("TrustsFalcoLogGroup: !Equals [!Ref FalcoLogGroupIsDedicated, \"true\"]", "TrustsFalcoLogGroup: !Equals [!Ref DryRun, \"true\"]")]
    [InlineData("  FalcoLogGroupIsDedicated:\n    Type: String\n    Default: \"false\"", "  FalcoLogGroupIsDedicated:\n    Type: String\n    Default: \"true\"")]
    public void TrustedLogGroup_NotOnlyWhenDeclaredDedicated_IsFlagged(string find, string replace)
    {
        Assert.Contains(ProblemsAfter(find, replace), p => p.Contains("RESPONDER_TRUST_LOG_GROUPS must be", StringComparison.Ordinal));
    }
}
