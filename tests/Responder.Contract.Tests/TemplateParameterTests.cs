using Responder.Harness;

namespace Responder.Contract.Tests;

/// <summary>
/// What CloudFormation refuses before it creates anything (parameter patterns and the Rules), and what the conditions
/// and outputs come to, for the parameter sets an operator gives.
/// </summary>
public sealed class TemplateParameterTests
{
    private static readonly Dictionary<string, object?> Template = CfnYaml.Parse(File.ReadAllText(RepoFiles.Path("template.yaml")));

    private const string Subnets = "subnet-0123456789abcdef0,subnet-0fedcba9876543210";
    private const string Groups = "sg-0123456789abcdef0";

    private static CfnEval With(params (string Name, string Value)[] given) => With("aws", given);

    private static CfnEval With(string partition, params (string Name, string Value)[] given) =>
        new(Template, new Dictionary<string, string>(given.Select(g => KeyValuePair.Create(g.Name, g.Value)).Prepend(new("FalcoLogGroupName", "/aws/containerinsights/prod/application")).Prepend(new("ClusterName", "prod"))
            .GroupBy(p => p.Key).Select(g => g.Last()), StringComparer.Ordinal), partition);

    [Fact]
    public void Defaults_WithClusterAndLogGroup_AreAccepted()
    {
        var stack = With();

        Assert.Empty(stack.Refusals());
        Assert.False(stack.Condition("HasVpc"));
        Assert.True(stack.Condition("CreateTopic"));
        Assert.False(stack.Condition("HasTopicKey"));
    }

    [Theory]
    [InlineData("falco-responder", "/aws/lambda/falco-responder")]
    [InlineData("responder-prod", "/aws/lambda/responder-prod")]
    [InlineData("falco-responder", "/aws/lambda/another-responder")]
    public void FalcoLogGroupName_ALambdaFunctionsLogGroup_IsRefusedWithAMessageSayingWhy(string function, string group)
    {
        var refusal = Assert.Single(With(("FunctionName", function), ("FalcoLogGroupName", group)).Refusals());

        Assert.StartsWith("FalcoLogGroupName: ", refusal, StringComparison.Ordinal);
        Assert.Contains("never a Lambda function's log group (/aws/lambda/...)", refusal, StringComparison.Ordinal);
        Assert.Contains("its own log lines without end", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/aws/containerinsights/prod/application")]
    [InlineData("/falco/alerts")]
    [InlineData("falco")]
    [InlineData("/aws/lambda-like/falco")]
    public void FalcoLogGroupName_AShippersLogGroup_IsAccepted(string group)
    {
        Assert.Empty(With(("FalcoLogGroupName", group)).Refusals());
    }

    [Fact]
    public void Vpc_SubnetsAndSecurityGroupsTogether_AreAcceptedAndPutTheFunctionInTheVpc()
    {
        var stack = With(("SubnetIds", Subnets), ("SecurityGroupIds", Groups));

        Assert.Empty(stack.Refusals());
        Assert.True(stack.Condition("HasVpc"));
    }

    [Theory]
    [InlineData(Subnets, "")]
    [InlineData("", Groups)]
    [InlineData("subnet-0123456789abcdef0,", Groups)]
    [InlineData(Subnets, "sg-0123456789abcdef0,,")]
    public void Vpc_OneWithoutTheOtherOrABlankEntry_IsRefusedByTheRule(string subnets, string groups)
    {
        var refusal = Assert.Single(With(("SubnetIds", subnets), ("SecurityGroupIds", groups)).Refusals());

        Assert.Equal("SubnetsWithSecurityGroups: SubnetIds and SecurityGroupIds go together: give both (no blank entry in either) to run the function in the VPC, or neither.", refusal);
    }

    [Theory]
    [InlineData("SubnetIds", "subnet-xyz", "SecurityGroupIds", Groups)]
    [InlineData("SecurityGroupIds", "default", "SubnetIds", Subnets)]
    public void Vpc_NotAnId_IsRefusedByItsPattern(string name, string value, string other, string otherValue)
    {
        Assert.Contains(With((name, value), (other, otherValue)).Refusals(), r => r.StartsWith($"{name}: must be ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:falco-alerts")]
    [InlineData("arn:aws:sns:eu-west-1:123456789012:falco-alerts.fifo")]
    [InlineData("arn:aws-cn:sns:cn-north-1:123456789012:falco")]
    [InlineData("arn:aws-us-gov:sns:us-gov-west-1:123456789012:falco_alerts")]
    public void ExistingTopicArn_ATopicArn_IsAcceptedAndUsedInsteadOfANewTopic(string arn)
    {
        var stack = With(("ExistingTopicArn", arn));

        Assert.Empty(stack.Refusals());
        Assert.False(stack.Condition("CreateTopic"));
    }

    [Theory]
    [InlineData("falco-alerts")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:falco-alerts")]
    [InlineData("arn:aws:sns:eu-west-1:1234:falco-alerts")]
    [InlineData(" arn:aws:sns:eu-west-1:123456789012:falco-alerts")]
    public void ExistingTopicArn_NotATopicArn_IsRefused(string value)
    {
        Assert.Equal(
            ["ExistingTopicArn: must be empty or an SNS topic ARN (arn:<partition>:sns:<region>:<account>:<topic>)."],
            With(("ExistingTopicArn", value)).Refusals());
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab")]
    [InlineData("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void TopicKmsKeyArn_AKeyArn_IsAcceptedAndGranted(string arn)
    {
        var stack = With(("TopicKmsKeyArn", arn));

        Assert.Empty(stack.Refusals());
        Assert.True(stack.Condition("HasTopicKey"));
    }

    [Theory]
    [InlineData("arn:aws:kms:eu-west-1:123456789012:alias/falco")]
    [InlineData("alias/aws/sns")]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab")]
    public void TopicKmsKeyArn_AnAliasOrBareId_IsRefused(string value)
    {
        Assert.Contains(With(("TopicKmsKeyArn", value)).Refusals(), r => r.StartsWith("TopicKmsKeyArn: must be empty or a KMS key ARN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aws", "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/Dashboard")]
    [InlineData("aws-cn", "https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards/dashboard/Dashboard")]
    [InlineData("aws-us-gov", "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1#dashboards/dashboard/Dashboard")]
    public void DashboardUrl_InEachPartition_IsThatPartitionsConsole(string partition, string url)
    {
        Assert.Equal(url, With(partition).Output("DashboardUrl"));
    }

    [Fact]
    public void Evidence_ByDefault_IsOff()
    {
        var stack = With();

        Assert.False(stack.Condition("WithEvidence"));
        Assert.False(stack.Condition("CreatesEvidenceBucket"));
        Assert.False(stack.Condition("HasEvidenceKey"));
    }

    [Theory]
    [InlineData("true", "", true)]
    [InlineData("false", "falco-evidence-prod", false)]
    public void Evidence_ACreatedOrAnExistingBucket_IsAcceptedAndCollected(string create, string existing, bool creates)
    {
        var stack = With(("CreateEvidenceBucket", create), ("EvidenceBucketName", existing));

        Assert.Empty(stack.Refusals());
        Assert.True(stack.Condition("WithEvidence"));
        Assert.Equal(creates, stack.Condition("CreatesEvidenceBucket"));
        Assert.Equal(creates ? "EvidenceBucket" : existing, stack.Output("EvidenceBucketName"));
    }

    [Fact]
    public void Evidence_CreatingAndNamingABucketBoth_IsRefusedByTheRule()
    {
        Assert.Equal(
            ["OneEvidenceBucket: CreateEvidenceBucket and EvidenceBucketName exclude each other: create the evidence bucket, or name an existing one."],
            With(("CreateEvidenceBucket", "true"), ("EvidenceBucketName", "falco-evidence-prod")).Refusals());
    }

    [Theory]
    [InlineData("EvidenceBucketName", "Falco_Evidence")]
    [InlineData("EvidenceBucketName", "s3://falco-evidence")]
    [InlineData("EvidencePrefix", "")]
    [InlineData("EvidencePrefix", "evidence")]
    [InlineData("EvidencePrefix", "/evidence/")]
    [InlineData("EvidencePrefix", "../evidence/")]
    [InlineData("EvidencePrefix", "evidence/*/")]
    [InlineData("EvidenceKmsKeyArn", "alias/evidence")]
    public void Evidence_ANameOrPrefixThatWouldWidenOrBreakTheGrant_IsRefusedByItsPattern(string name, string value)
    {
        Assert.Contains(With((name, value)).Refusals(), r => r.StartsWith($"{name}: must be ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("falco-responder/")]
    [InlineData("evidence/prod/")]
    public void EvidencePrefix_PathSegments_AreAccepted(string prefix)
    {
        Assert.Empty(With(("EvidencePrefix", prefix)).Refusals());
    }

    [Fact]
    public void Retention_LogsFailedEventsAndEvidenceAreKept_StateIsNot()
    {
        var resources = (Dictionary<string, object?>)Template["Resources"]!;
        string Policies(string id) => $"{((Dictionary<string, object?>)resources[id]!)["DeletionPolicy"]}/{((Dictionary<string, object?>)resources[id]!)["UpdateReplacePolicy"]}";

        Assert.Equal("Retain/Retain", Policies("ResponderLogGroup"));
        Assert.Equal("Retain/Retain", Policies("FailedEventQueue"));
        Assert.Equal("Delete/Delete", Policies("StateTable"));
        Assert.Equal("Retain/Retain", Policies("EvidenceBucket"));
    }
}
