using System.Text.Json.Nodes;
using Responder.Harness.Servers;

namespace Responder.Contract.Tests.Moto;

/// <summary>
/// The SAM-transformed template deployed in moto for the main parameter sets: the function's environment and its
/// role's grants come out as the contract checks expect, with every reference resolved to what the stack made.
/// moto does not attach ManagedPolicyArns, keep LoggingConfig, switch on TTL, apply AWS::Partition from the region or apply
/// a bucket's settings beyond its encryption: those are held by the contract checks on the template itself.
/// </summary>
public sealed class DeployedTemplateTests(MotoStacks moto) : IClassFixture<MotoStacks>
{
    private const string Region = MotoServer.Region;
    private const string Account = MotoServer.Account;
    private const string KeyArn = $"arn:aws:kms:{Region}:{Account}:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private const string TopicArn = $"arn:aws:sns:{Region}:{Account}:falco-alerts";

    private static readonly (string, string)[] Required = [("ClusterName", "prod"), ("FalcoLogGroupName", "/aws/containerinsights/prod/application")];

    private Task<JsonObject> Default() => moto.DeployAsync("default", Required);

    private Task<JsonObject> Vpc() => moto.DeployAsync("vpc", [.. Required, ("FunctionName", "responder-vpc"),
        ("SubnetIds", "subnet-0123456789abcdef0,subnet-0123456789abcdef1"), ("SecurityGroupIds", "sg-0123456789abcdef0")]);

    private Task<JsonObject> ExistingTopic() => moto.DeployAsync("topic", [.. Required, ("FunctionName", "responder-topic"),
        ("ExistingTopicArn", TopicArn), ("TopicKmsKeyArn", KeyArn)]);

    private Task<JsonObject> SecurityHub() => moto.DeployAsync("findings", [.. Required, ("FunctionName", "responder-findings"),
        ("SecurityHubFindings", "true"), ("NotificationFormat", "chat")]);
    private Task<JsonObject> Evidence() => moto.DeployAsync("evidence", [.. Required, ("FunctionName", "responder-evidence"),
        ("CreateEvidenceBucket", "true"), ("EvidencePrefix", "evidence/prod/"), ("EvidenceKmsKeyArn", KeyArn), ("EvidenceRetentionDays", "30")]);

    private Task<JsonObject> NoStateTable() => moto.DeployAsync("stateless", [.. Required, ("FunctionName", "responder-stateless"), ("CreateStateTable", "false")]);

    private static Dictionary<string, string> Variables(JsonObject stack) =>
        // moto keeps a Number parameter's value as a number; Lambda would hold its text.
        stack["function"]!["Environment"]!["Variables"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.ToString(), StringComparer.Ordinal);

    private static string? Physical(JsonObject stack, string id) => stack["resources"]![id]?["physicalId"]?.GetValue<string>();

    /// <summary>Each granted action with the resources it is granted on (in one statement or several), joined by " | ".</summary>
    private static Dictionary<string, string> Grants(JsonObject stack)
    {
        var grants = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var statement in stack["role"]!["inlinePolicies"]!.AsObject().SelectMany(p => p.Value!["Statement"]!.AsArray()))
        {
            Assert.Equal("Allow", statement!["Effect"]!.GetValue<string>());
            var actions = statement["Action"] is JsonArray many ? many.Select(a => a!.GetValue<string>()) : [statement["Action"]!.GetValue<string>()];
            var resources = statement["Resource"] is JsonArray list ? list.Select(r => r!.GetValue<string>()) : [statement["Resource"]!.GetValue<string>()];
            foreach (var action in actions)
            {
                (grants.TryGetValue(action, out var known) ? known : grants[action] = []).AddRange(resources);
            }
        }

        return grants.ToDictionary(g => g.Key, g => string.Join(" | ", g.Value), StringComparer.Ordinal);
    }

    /// <summary>The conditions of the statements granting an action, as JSON.</summary>
    private static string[] Conditions(JsonObject stack, string action) =>
    [
        .. stack["role"]!["inlinePolicies"]!.AsObject().SelectMany(p => p.Value!["Statement"]!.AsArray())
            .Where(s => s!["Action"] is JsonArray many ? many.Any(a => a!.GetValue<string>() == action) : s["Action"]!.GetValue<string>() == action)
            .Select(s => s!["Condition"]?.ToJsonString() ?? "none"),
    ];

    private static HashSet<string> Expected(bool table = true, bool key = false, bool findings = false, bool evidence = false, bool evidenceKey = false) =>
        [.. CodeFacts.AwsActions.Where(a => (table || !a.StartsWith("dynamodb:", StringComparison.Ordinal))
                && (findings || !a.StartsWith("securityhub:", StringComparison.Ordinal)) && (evidence || !a.StartsWith("s3:", StringComparison.Ordinal))),
            .. TemplateCheck.PlatformActions, .. key ? TemplateCheck.EncryptedTopicActions : [], .. evidenceKey ? TemplateCheck.EncryptedEvidenceActions : []];

    [Fact]
    public async Task Default_CreatesTheStackWithTheFunctionOnTheBundledBootstrap()
    {
        var stack = await Default();

        Assert.Equal("CREATE_COMPLETE", stack["status"]!.GetValue<string>());
        var function = stack["function"]!;
        Assert.Equal(("falco-responder", "provided.al2023", "respond"),
            (function["FunctionName"]!.GetValue<string>(), function["Runtime"]!.GetValue<string>(), function["Handler"]!.GetValue<string>()));
        Assert.Equal(stack["role"]!["arn"]!.GetValue<string>(), function["Role"]!.GetValue<string>());
        Assert.Equal("lambda.amazonaws.com", stack["role"]!["assumeRolePolicy"]!["Statement"]![0]!["Principal"]!["Service"]!.GetValue<string>());
        Assert.Equal("/aws/lambda/falco-responder", stack["outputs"]!["FunctionLogGroup"]!.GetValue<string>());
        Assert.Equal($"https://console.aws.amazon.com/cloudwatch/home?region={Region}#dashboards/dashboard/falco-responder", stack["outputs"]!["DashboardUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Default_EnvironmentIsExactlyWhatTheConfigurationReads_EachResolvedToTheStacksResources()
    {
        var stack = await Default();

        Assert.Equal(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["RESPONDER_DRY_RUN"] = "true",
                ["RESPONDER_CLUSTER_NAME"] = "prod",
                ["RESPONDER_PROTECTED_NAMESPACES"] = "",
                ["RESPONDER_SNS_TOPIC_ARN"] = Physical(stack, "AlertTopic")!,
                ["RESPONDER_STATE_TABLE"] = Physical(stack, "StateTable")!,
                ["RESPONDER_TRUST_LOG_GROUPS"] = "",
                ["RESPONDER_NOTIFICATION_FORMAT"] = "text",
                ["RESPONDER_SECURITYHUB"] = "false",
                ["RESPONDER_SECURITYHUB_PRODUCT_ARN"] = "",
                ["RESPONDER_EVIDENCE_BUCKET"] = "",
                ["RESPONDER_EVIDENCE_PREFIX"] = "falco-responder/",
                ["RESPONDER_EVIDENCE_KMS_KEY_ID"] = "",
                ["RESPONDER_EVIDENCE_RETENTION_DAYS"] = "90",
            },
            Variables(stack));
        Assert.Equal(CodeFacts.EnvironmentVariables.Except(CodeFacts.NotForTheFunction.Keys).Order(StringComparer.Ordinal), Variables(stack).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Default_RoleGrantsExactlyTheCallsTheCodeMakes_EachOnTheResourceTheStackMade()
    {
        var stack = await Default();
        var grants = Grants(stack);

        Assert.Equal(Expected().Order(StringComparer.Ordinal), grants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Physical(stack, "AlertTopic"), grants["sns:Publish"]);
        Assert.Equal($"arn:aws:eks:{Region}:{Account}:cluster/prod", grants["eks:DescribeCluster"]);
        Assert.Equal(stack["table"]!["arn"]!.GetValue<string>(), grants["dynamodb:UpdateItem"]);
        Assert.Equal(stack["queue"]!["QueueArn"]!.GetValue<string>(), grants["sqs:SendMessage"]);
        Assert.Equal($"arn:aws:logs:{Region}:{Account}:log-group:/aws/lambda/falco-responder", grants["logs:PutLogEvents"]);
        Assert.Empty(stack["role"]!["managedPolicies"]!.AsArray());
    }

    [Fact]
    public async Task Default_StateTableQueueAndLogGroup_AreAsTheCodeAndTheReadmeSay()
    {
        var stack = await Default();

        var table = stack["table"]!;
        Assert.Equal("""[{"AttributeName":"pk","KeyType":"HASH"}]""", table["keySchema"]!.ToJsonString());
        Assert.Equal("""[{"AttributeName":"pk","AttributeType":"S"}]""", table["attributes"]!.ToJsonString());
        Assert.Equal("PAY_PER_REQUEST", table["billingMode"]!.GetValue<string>());
        Assert.Equal(("1209600", "true"), (stack["queue"]!["MessageRetentionPeriod"]!.GetValue<string>(), stack["queue"]!["SqsManagedSseEnabled"]!.GetValue<string>()));
        Assert.Equal(90, Assert.Single(stack["logGroup"]!.AsArray())!["retentionInDays"]!.GetValue<int>());
    }

    [Fact]
    public async Task Vpc_PutsTheFunctionInTheSubnetsWithTheSecurityGroups()
    {
        var stack = await Vpc();

        Assert.Equal("CREATE_COMPLETE", stack["status"]!.GetValue<string>());
        var vpc = stack["function"]!["VpcConfig"]!;
        Assert.Equal(["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], vpc["SubnetIds"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(["sg-0123456789abcdef0"], vpc["SecurityGroupIds"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(Expected().Order(StringComparer.Ordinal), Grants(stack).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ExistingTopicWithKey_PublishesThereWithTheKeyGrantsAndCreatesNoTopic()
    {
        var stack = await ExistingTopic();
        var grants = Grants(stack);

        Assert.Equal("CREATE_COMPLETE", stack["status"]!.GetValue<string>());
        Assert.Null(stack["resources"]!["AlertTopic"]);
        Assert.Equal(TopicArn, Variables(stack)["RESPONDER_SNS_TOPIC_ARN"]);
        Assert.Equal(TopicArn, stack["outputs"]!["TopicArn"]!.GetValue<string>());
        Assert.Equal(Expected(key: true).Order(StringComparer.Ordinal), grants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(TopicArn, grants["sns:Publish"]);
        Assert.Equal((KeyArn, KeyArn), (grants["kms:GenerateDataKey"], grants["kms:Decrypt"]));
    }

    [Fact]
    public async Task SecurityHub_ImportsForTheAccountsDefaultProduct_TheOnlyProductTheRoleMayImportFor()
    {
        var stack = await SecurityHub();
        var grants = Grants(stack);
        var product = $"arn:aws:securityhub:{Region}:{Account}:product/{Account}/default";

        Assert.Equal("CREATE_COMPLETE", stack["status"]!.GetValue<string>());
        Assert.Equal(("true", product, "chat"),
            (Variables(stack)["RESPONDER_SECURITYHUB"], Variables(stack)["RESPONDER_SECURITYHUB_PRODUCT_ARN"], Variables(stack)["RESPONDER_NOTIFICATION_FORMAT"]));
        Assert.Equal(Expected(findings: true).Order(StringComparer.Ordinal), grants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(product, grants["securityhub:BatchImportFindings"]);
    }

    [Fact]
    public async Task Default_GrantsSnapshotsOnlyTaggedForTheClusterAndNoEvidenceBucket()
    {
        var stack = await Default();
        var grants = Grants(stack);

        Assert.Null(stack["resources"]!["EvidenceBucket"]);
        Assert.Null(stack["outputs"]!["EvidenceBucketName"]);
        Assert.DoesNotContain(grants.Keys, a => a.StartsWith("s3:", StringComparison.Ordinal));
        Assert.Equal(
            $"arn:aws:ec2:{Region}:{Account}:instance/* | arn:aws:ec2:{Region}:{Account}:volume/* | arn:aws:ec2:{Region}::snapshot/*",
            grants["ec2:CreateSnapshots"]);
        Assert.Equal($"arn:aws:ec2:{Region}::snapshot/*", grants["ec2:CreateTags"]);
        Assert.Equal(["none", """{"StringEquals":{"aws:RequestTag/falco-responder:cluster":"prod"}}"""], Conditions(stack, "ec2:CreateSnapshots"));
        Assert.Equal(["""{"StringEquals":{"ec2:CreateAction":"CreateSnapshots"}}"""], Conditions(stack, "ec2:CreateTags"));
    }

    [Fact]
    public async Task Evidence_CreatesTheBucketEncryptedWithTheKey_AndGrantsWritesUnderThePrefixOnly()
    {
        var stack = await Evidence();
        var grants = Grants(stack);
        var bucket = Physical(stack, "EvidenceBucket")!;

        Assert.Equal("CREATE_COMPLETE", stack["status"]!.GetValue<string>());
        Assert.Equal(bucket, stack["outputs"]!["EvidenceBucketName"]!.GetValue<string>());
        Assert.Equal((bucket, "evidence/prod/", KeyArn, "30"),
            (Variables(stack)["RESPONDER_EVIDENCE_BUCKET"], Variables(stack)["RESPONDER_EVIDENCE_PREFIX"], Variables(stack)["RESPONDER_EVIDENCE_KMS_KEY_ID"], Variables(stack)["RESPONDER_EVIDENCE_RETENTION_DAYS"]));
        Assert.Equal(Expected(evidence: true, evidenceKey: true).Order(StringComparer.Ordinal), grants.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"arn:aws:s3:::{bucket}/evidence/prod/*", grants["s3:PutObject"]);
        Assert.Equal($"arn:aws:s3:::{bucket}/evidence/prod/*", grants["s3:PutObjectRetention"]);
        Assert.Equal($"arn:aws:s3:::{bucket}", grants["s3:GetBucketObjectLockConfiguration"]);
        Assert.Equal(KeyArn, grants["kms:GenerateDataKey"]);
        var encryption = stack["evidenceBucket"]!["encryption"]!["Rules"]![0]!["ApplyServerSideEncryptionByDefault"]!;
        Assert.Equal(("aws:kms", KeyArn), (encryption["SSEAlgorithm"]!.GetValue<string>(), encryption["KMSMasterKeyID"]!.GetValue<string>()));
    }

    [Fact]
    public async Task NoStateTable_KeepsStateInTheProcessAndGrantsNoDynamoDb()
    {
        var stack = await NoStateTable();

        Assert.Equal("CREATE_COMPLETE", stack["status"]!.GetValue<string>());
        Assert.Null(stack["resources"]!["StateTable"]);
        Assert.Null(stack["outputs"]!["StateTableName"]);
        Assert.Equal("", Variables(stack)["RESPONDER_STATE_TABLE"]);
        Assert.Equal(Expected(table: false).Order(StringComparer.Ordinal), Grants(stack).Keys.Order(StringComparer.Ordinal));
    }
}
