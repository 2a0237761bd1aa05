using Responder.Core.Config;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

/// <summary>[securityhub] and [notifications] format, from the file and from the environment: off and text unless asked.</summary>
public sealed class SecurityHubConfigTests
{
    private const string Product = "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default";

    [Fact]
    public void Load_Defaults_FindingsOffAndPlainText()
    {
        var config = TestConfig.Default();

        Assert.Equal(new SecurityHubSettings(false, null), config.SecurityHub);
        Assert.Equal(NotificationFormat.Text, config.Notifications.Format);
    }

    [Fact]
    public void Load_FileTurnsThemOn_FindingsForTheProductAndChat()
    {
        var config = TestConfig.From($"[securityhub]\nenabled = true\nproduct_arn = \"{Product}\"\n[notifications]\nformat = \"chat\"");

        Assert.Equal(new SecurityHubSettings(true, Product), config.SecurityHub);
        Assert.Equal(NotificationFormat.Chat, config.Notifications.Format);
    }

    [Theory]
    [InlineData("[securityhub]\nproduct_arn = \"arn:aws:sns:eu-west-1:123456789012:topic\"", "securityhub.product_arn")]
    [InlineData("[securityhub]\nproduct_arn = \"arn:aws:securityhub:eu-west-1:12345:product/12345/default\"", "securityhub.product_arn")]
    [InlineData("[securityhub]\nenabled = \"yes\"", "securityhub.enabled")]
    [InlineData("[notifications]\nformat = \"html\"", "notifications.format")]
    [InlineData("[notifications]\nformat = \"Chat\"", "notifications.format")]
    public void Load_BadValue_IsOneErrorAtItsPath(string toml, string path)
    {
        var error = Assert.Single(TestConfig.Load(toml).Errors);

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Load_EnvironmentVariables_OverrideTheFile()
    {
        var environment = new Dictionary<string, string>
        {
            [EnvironmentOverrides.SecurityHub] = "true",
            [EnvironmentOverrides.SecurityHubProductArn] = Product,
            [EnvironmentOverrides.NotificationFormat] = "chat",
        };

        var config = TestConfig.From("[securityhub]\nenabled = false\n[notifications]\nformat = \"text\"", environment);

        Assert.Equal(new SecurityHubSettings(true, Product), config.SecurityHub);
        Assert.Equal(NotificationFormat.Chat, config.Notifications.Format);
    }

    [Fact]
    public void Load_EmptyVariables_AsTheTemplateSetsThemWhenOff_CountAsUnset()
    {
        var environment = new Dictionary<string, string>
        {
            [EnvironmentOverrides.SecurityHub] = "false",
            [EnvironmentOverrides.SecurityHubProductArn] = "",
            [EnvironmentOverrides.NotificationFormat] = "text",
        };

        var config = TestConfig.From(null, environment);

        Assert.Equal(new SecurityHubSettings(false, null), config.SecurityHub);
    }

    [Theory]
    [InlineData(EnvironmentOverrides.SecurityHub, "yes", "expected true or false, got \"yes\"")]
    [InlineData(EnvironmentOverrides.SecurityHubProductArn, "arn:aws:securityhub:eu-west-1:123456789012:hub/default", "\"arn:aws:securityhub:eu-west-1:123456789012:hub/default\" is not a Security Hub product ARN")]
    [InlineData(EnvironmentOverrides.NotificationFormat, "html", "expected \"text\" or \"chat\", got \"html\"")]
    [InlineData("AWS_ENDPOINT_URL_SECURITYHUB", "ftp://127.0.0.1:4566", "\"ftp://127.0.0.1:4566\" is not an http:// or https:// URL")]
    public void Load_BadVariable_IsOneErrorNamingIt(string name, string value, string message)
    {
        var error = Assert.Single(TestConfig.Load(null, new Dictionary<string, string> { [name] = value }).Errors);

        Assert.Equal((name, message), (error.Path, error.Message));
    }

    [Fact]
    public void Load_PolicyRuleNamingRecordFinding_IsRefusedSayingWhereFindingsComeFrom()
    {
        var error = Assert.Single(TestConfig.Load("[[policy.rules]]\nname = \"r\"\n[[policy.rules.actions]]\naction = \"record-finding\"").Errors);

        Assert.Equal("policy.rules[0].actions[0].action", error.Path);
        Assert.Contains("not a policy action: [securityhub] enabled records a finding for every alert with a notify action", error.Message, StringComparison.Ordinal);
    }
}
