using Responder.Core.Config;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class EnvironmentOverrideTests
{
    private const string Topic = "arn:aws:sns:eu-west-1:123456789012:falco-alerts";

    [Theory]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData(" false ", false)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    public void Load_DryRunVariable_OverridesTheFile(string value, bool dryRun)
    {
        var fileSays = dryRun ? "dry_run = false" : "dry_run = true";

        var config = TestConfig.From(fileSays, Env(EnvironmentOverrides.DryRun, value));

        Assert.Equal(dryRun, config.DryRun);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Load_EmptyVariables_CountAsUnset(string value)
    {
        var environment = new Dictionary<string, string>
        {
            [EnvironmentOverrides.DryRun] = value,
            [EnvironmentOverrides.SnsTopicArn] = value,
            [EnvironmentOverrides.ClusterName] = value,
            [EnvironmentOverrides.Region] = value,
        };
        var toml = $"""
            dry_run = false
            [aws]
            region = "eu-west-1"
            sns_topic_arn = "{Topic}"
            [cluster]
            name = "prod"
            """;

        var result = TestConfig.Load(toml, environment);

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal((false, "eu-west-1", Topic, "prod"), (config.DryRun, config.Aws.Region, config.Aws.SnsTopicArn, config.Cluster.Name));
    }

    [Fact]
    public void Load_DeployVariables_OverrideTheFile()
    {
        var environment = new Dictionary<string, string>
        {
            [EnvironmentOverrides.SnsTopicArn] = "arn:aws:sns:us-east-1:210987654321:other",
            [EnvironmentOverrides.ClusterName] = "staging_2",
            [EnvironmentOverrides.Region] = "us-east-1",
        };
        var toml = $"""
            [aws]
            region = "eu-west-1"
            sns_topic_arn = "{Topic}"
            [cluster]
            name = "prod"
            """;

        var config = TestConfig.From(toml, environment);

        Assert.Equal(new AwsSettings("us-east-1", "arn:aws:sns:us-east-1:210987654321:other"), config.Aws);
        Assert.Equal(new ClusterSettings("staging_2"), config.Cluster);
    }

    [Fact]
    public void Load_VariablesWithoutFileValues_FillTheSettings()
    {
        var environment = new Dictionary<string, string>
        {
            [EnvironmentOverrides.SnsTopicArn] = Topic,
            [EnvironmentOverrides.ClusterName] = "prod",
            [EnvironmentOverrides.Region] = "us-gov-west-1",
        };

        var config = TestConfig.From(null, environment);

        Assert.Equal(new AwsSettings("us-gov-west-1", Topic), config.Aws);
        Assert.Equal("prod", config.Cluster.Name);
    }

    [Theory]
    [InlineData(EnvironmentOverrides.DryRun, "yes", "expected true or false, got \"yes\"")]
    [InlineData(EnvironmentOverrides.DryRun, "1", "expected true or false, got \"1\"")]
    [InlineData(EnvironmentOverrides.SnsTopicArn, "falco-alerts", "\"falco-alerts\" is not an SNS topic ARN")]
    [InlineData(EnvironmentOverrides.SnsTopicArn, "arn:aws:sns:eu-west-1:1234:falco", "is not an SNS topic ARN")]
    [InlineData(EnvironmentOverrides.ClusterName, "prod cluster", "\"prod cluster\" is not an EKS cluster name")]
    [InlineData(EnvironmentOverrides.Region, "EU-WEST-1", "\"EU-WEST-1\" is not an AWS region")]
    public void Load_BadVariable_IsAnErrorNamedByTheVariable(string name, string value, string message)
    {
        var result = TestConfig.Load(null, Env(name, value));

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal(name, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadVariablesAndBadFile_AreReportedTogether()
    {
        var environment = new Dictionary<string, string>
        {
            [EnvironmentOverrides.DryRun] = "maybe",
            [EnvironmentOverrides.Region] = "mars",
        };

        var result = TestConfig.Load("[limits]\nmax_json_depth = 0", environment);

        Assert.Equal(["AWS_REGION", "RESPONDER_DRY_RUN", "limits.max_json_depth"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Load_ProtectedNamespacesVariable_AddsToTheFileListAndNeverDropsFalco()
    {
        // The variable once replaced the list: a deployment naming kube-system and its own namespace unprotected falco.
        var result = TestConfig.Load("[policy]\nprotected_namespaces = [\"payments\"]", Env(EnvironmentOverrides.ProtectedNamespaces, " kube-system , payments-* ,"));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(["kube-system", "falco", "payments", "payments-*"], result.Config!.Policy.ProtectedNamespaces.Select(p => p.Pattern));
    }

    [Fact]
    public void Load_ProtectedNamespacesVariable_IsCheckedLikeTheFile()
    {
        var result = TestConfig.Load(null, Env(EnvironmentOverrides.ProtectedNamespaces, "falco,Not_A_Namespace"));

        Assert.Null(result.Config);
        var error = Assert.Single(result.Errors);
        Assert.Equal((EnvironmentOverrides.ProtectedNamespaces, "\"Not_A_Namespace\" is not a namespace name or glob"), (error.Path, error.Message));
        // Without kube-system in the variable, kube-system is still protected: nothing to warn about.
        Assert.Empty(result.Warnings);
    }

    private static Dictionary<string, string> Env(string name, string value) => new() { [name] = value };
}
