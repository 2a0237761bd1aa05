using Responder.Harness;

namespace Responder.Contract.Tests;

/// <summary>
/// template.yaml against the code: handlers, environment, IAM, the log group it subscribes, what a delete keeps, the
/// build. .ci/run also lints the template with cfn-lint and runs the SAM transform; these tests hold it to the code.
/// </summary>
public sealed class TemplateContractTests
{
    private static readonly string TemplateText = File.ReadAllText(RepoFiles.Path("template.yaml"));
    private static readonly string Makefile = File.ReadAllText(RepoFiles.Path("Makefile"));

    private static TemplateCheck Check(string? template = null, string? makefile = null) =>
        TemplateCheck.Load(template ?? TemplateText, makefile ?? Makefile);

    [Fact]
    public void Template_HoldsEveryContract()
    {
        Assert.Empty(Check().All());
    }

    [Fact]
    public void Template_HasOneRespondFunctionOnTheBundledBootstrap()
    {
        var function = Assert.Single(Check().Functions);

        Assert.Equal("respond", CfnYaml.Text(function.Properties, "Handler"));
        Assert.Equal(["x86_64"], (List<object?>)function.Properties["Architectures"]!);
    }

    [Fact]
    public void CodeFacts_AreReadFromTheCode()
    {
        // Guards the readers themselves: a regex that stopped matching would make the checks vacuous.
        Assert.Equal(["contain", "notify", "respond"], CodeFacts.Handlers.Order(StringComparer.Ordinal));
        Assert.Contains("RESPONDER_DRY_RUN", CodeFacts.EnvironmentVariables);
        Assert.Subset(CodeFacts.EnvironmentVariables.ToHashSet(), CodeFacts.NotForTheFunction.Keys.ToHashSet());
        Assert.Contains("sns:Publish", CodeFacts.AwsActions);
        Assert.Contains("eks:DescribeCluster", CodeFacts.AwsActions);
        Assert.Contains("dynamodb:GetItem", CodeFacts.AwsActions);
        Assert.Contains("securityhub:BatchImportFindings", CodeFacts.AwsActions);
        Assert.Equal(["securityhub:BatchUpdateFindings"], CodeFacts.OperatorActions);
        Assert.DoesNotContain("securityhub:BatchUpdateFindings", CodeFacts.AwsActions);
        Assert.Superset(new HashSet<string> { "s3:PutObject", "s3:PutObjectRetention", "s3:GetBucketObjectLockConfiguration", "ec2:CreateSnapshots", "ec2:CreateTags" },
            CodeFacts.AwsActions.ToHashSet());
        Assert.Equal("falco-responder:", CodeFacts.SnapshotTagPrefix);
        Assert.Contains("Duration", CodeFacts.MetricNames);
        Assert.Equal("FalcoResponder", CodeFacts.MetricNamespace);
        Assert.Equal(("pk", "expiresAt"), CodeFacts.StateAttributes);
    }

    [Fact]
    public void Template_SetsExactlyTheVariablesTheFunctionNeeds()
    {
        var variables = ((Dictionary<string, object?>)((Dictionary<string, object?>)Assert.Single(Check().Functions).Properties["Environment"]!)["Variables"]!).Keys;

        Assert.Equal(
            CodeFacts.EnvironmentVariables.Except(CodeFacts.NotForTheFunction.Keys).Order(StringComparer.Ordinal),
            variables.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Template_FindingsGoToTheProductTheRoleMayImportFor_OnlyWhenEnabled()
    {
        var template = CfnYaml.Parse(TemplateText);
        var parameter = CfnYaml.Map(CfnYaml.Map(template["Parameters"], "Parameters")["SecurityHubFindings"], "SecurityHubFindings");
        var variables = (Dictionary<string, object?>)((Dictionary<string, object?>)Assert.Single(Check().Functions).Properties["Environment"]!)["Variables"]!;
        var product = Assert.IsType<List<object?>>(CfnYaml.Intrinsic(variables["RESPONDER_SECURITYHUB_PRODUCT_ARN"])!.Value.Argument);
        var role = CfnYaml.Map(CfnYaml.Map(template["Resources"], "Resources")["ResponderRole"], "ResponderRole");
        var policy = CfnYaml.Map(((List<object?>)CfnYaml.Map(role["Properties"], "Properties")["Policies"]!).Single(), "policy");
        var statements = (List<object?>)CfnYaml.Map(policy["PolicyDocument"], "document")["Statement"]!;
        var grant = (List<object?>)statements.Select(s => CfnYaml.Intrinsic(s)).Single(s => s is ("Fn::If", List<object?> { Count: 3 } branches) && branches[0] as string == "WithSecurityHub")!.Value.Argument!;
        var statement = CfnYaml.Map(grant[1], "statement");

        Assert.Equal("false", CfnYaml.Text(parameter, "Default"));
        Assert.Equal(("Ref", (object?)"SecurityHubFindings"), CfnYaml.Intrinsic(variables["RESPONDER_SECURITYHUB"]));
        Assert.Equal(("WithSecurityHub", ("Fn::Sub", (object?)CodeFacts.DefaultProductArn), ""), (product[0], CfnYaml.Intrinsic(product[1]), product[2]));
        Assert.Equal(("Ref", (object?)"AWS::NoValue"), CfnYaml.Intrinsic(grant[2]));
        Assert.Equal("securityhub:BatchImportFindings", statement["Action"]);
        Assert.Equal(("Fn::Sub", (object?)CodeFacts.DefaultProductArn), CfnYaml.Intrinsic(statement["Resource"]));
    }

    [Fact]
    public void Template_NotificationFormat_IsTheConfigurationsFormatsWithTextByDefault()
    {
        var template = CfnYaml.Parse(TemplateText);
        var parameter = CfnYaml.Map(CfnYaml.Map(template["Parameters"], "Parameters")["NotificationFormat"], "NotificationFormat");
        var variables = (Dictionary<string, object?>)((Dictionary<string, object?>)Assert.Single(Check().Functions).Properties["Environment"]!)["Variables"]!;

        Assert.Equal("text", CfnYaml.Text(parameter, "Default"));
        Assert.All((List<object?>)parameter["AllowedValues"]!, value => Assert.True(Core.Config.NotificationFormats.TryParse((string)value!, out _), $"{value}"));
        Assert.Equal(["text", "chat"], ((List<object?>)parameter["AllowedValues"]!).Select(v => (string)v!));
        Assert.Equal(("Ref", (object?)"NotificationFormat"), CfnYaml.Intrinsic(variables["RESPONDER_NOTIFICATION_FORMAT"]));
    }

    [Fact]
    public void Readme_NamesTheCallsReleaseMakesWithTheOperatorsCredentials()
    {
        var readme = File.ReadAllText(RepoFiles.Path("docs", "release.md"));

        Assert.NotEmpty(CodeFacts.OperatorActions);
        Assert.All(CodeFacts.OperatorActions, action => Assert.Contains($"`{action}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Template_SubscribesTheFalcoLogGroupParameter()
    {
        var function = Assert.Single(Check().Functions);
        var events = (Dictionary<string, object?>)function.Properties["Events"]!;
        var source = (Dictionary<string, object?>)Assert.Single(events.Values)!;
        var group = ((Dictionary<string, object?>)source["Properties"]!)["LogGroupName"];

        Assert.Equal("CloudWatchLogs", source["Type"]);
        Assert.Equal(("Ref", (object?)"FalcoLogGroupName"), CfnYaml.Intrinsic(group));
    }

    [Fact]
    public void Readme_DeploySection_NamesEveryParameterAndOutput()
    {
        var readme = File.ReadAllText(RepoFiles.Path("docs", "operations.md"));
        var deploy = readme[readme.IndexOf("## 4. Deploy with SAM", StringComparison.Ordinal)..readme.IndexOf("## 5. Kubernetes RBAC", StringComparison.Ordinal)];
        var template = CfnYaml.Parse(TemplateText);
        var names = ((Dictionary<string, object?>)template["Parameters"]!).Keys.Concat(((Dictionary<string, object?>)template["Outputs"]!).Keys).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Contains($"`{name}`", deploy, StringComparison.Ordinal));
    }

    [Fact]
    public void Template_GivesTheFunctionTheEvidenceBucketItCreatesOrIsGiven_AndItsPrefixKeyAndRetention()
    {
        var variables = (Dictionary<string, object?>)((Dictionary<string, object?>)Assert.Single(Check().Functions).Properties["Environment"]!)["Variables"]!;

        var bucket = Assert.IsType<List<object?>>(CfnYaml.Intrinsic(variables["RESPONDER_EVIDENCE_BUCKET"])!.Value.Argument);
        Assert.Equal("CreatesEvidenceBucket", bucket[0]);
        Assert.Equal(("Ref", (object?)"EvidenceBucket"), CfnYaml.Intrinsic(bucket[1]));
        Assert.Equal(("Ref", (object?)"EvidenceBucketName"), CfnYaml.Intrinsic(bucket[2]));
        Assert.Equal(("Ref", (object?)"EvidencePrefix"), CfnYaml.Intrinsic(variables["RESPONDER_EVIDENCE_PREFIX"]));
        Assert.Equal(("Ref", (object?)"EvidenceKmsKeyArn"), CfnYaml.Intrinsic(variables["RESPONDER_EVIDENCE_KMS_KEY_ID"]));
        Assert.Equal(("Ref", (object?)"EvidenceRetentionDays"), CfnYaml.Intrinsic(variables["RESPONDER_EVIDENCE_RETENTION_DAYS"]));
    }

    [Fact]
    public void Template_TrustsTheSubscribedGroupAloneOnlyWhenItIsDeclaredFalcosAlone()
    {
        var template = CfnYaml.Parse(TemplateText);
        var parameter = CfnYaml.Map(CfnYaml.Map(template["Parameters"], "Parameters")["FalcoLogGroupIsDedicated"], "FalcoLogGroupIsDedicated");
        var variables = (Dictionary<string, object?>)((Dictionary<string, object?>)Assert.Single(Check().Functions).Properties["Environment"]!)["Variables"]!;

        Assert.Equal("false", CfnYaml.Text(parameter, "Default"));
        Assert.Equal(["true", "false"], (List<object?>)parameter["AllowedValues"]!);
        var trusted = Assert.IsType<List<object?>>(CfnYaml.Intrinsic(variables["RESPONDER_TRUST_LOG_GROUPS"])!.Value.Argument);
        Assert.Equal(("Ref", (object?)"FalcoLogGroupName"), CfnYaml.Intrinsic(trusted[1]));
        Assert.Equal("", trusted[2]);
    }
}

