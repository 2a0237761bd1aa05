using CsCheck;
using Responder.Core.Config;

namespace Responder.Core.Tests.Config;

/// <summary>
/// Whatever the TOML text and whatever the environment, loading the configuration never throws: every problem is an
/// error (or a warning) with its key path, for the CLI to print in one line each and the Lambda to fail its init with.
/// </summary>
public sealed class ConfigPropertyTests
{
    private static readonly string[] Variables =
    [
        EnvironmentOverrides.DryRun, EnvironmentOverrides.SnsTopicArn, EnvironmentOverrides.ClusterName, EnvironmentOverrides.ClusterEndpoint,
        EnvironmentOverrides.ClusterCaFile, EnvironmentOverrides.ClusterTokenFile, EnvironmentOverrides.StateTable,
        EnvironmentOverrides.ProtectedNamespaces, EnvironmentOverrides.TrustLogGroups, EnvironmentOverrides.Region,
        EnvironmentOverrides.EvidenceBucket, EnvironmentOverrides.EvidencePrefix, EnvironmentOverrides.EvidenceKmsKeyId, EnvironmentOverrides.EvidenceRetentionDays,
        "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_DYNAMODB",
        "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_EC2",
    ];

    // Characters that make TOML structure likely: brackets, quotes, escapes, dots, equals, newlines, digits, dates.
    private static readonly Gen<string> TomlishText = Gen.Frequency(
        (6, Gen.Char["[]{}=\"'.,#\\ \n\r\tabcdefnrtuxyz_-0123456789:+TZ"]),
        (1, Gen.Char)).Array[0, 300].Select(chars => new string(chars));

    private static readonly string Sample = ConfigLoader.DefaultText;

    [Fact]
    public void Load_ArbitraryText_NeverThrows() =>
        TomlishText.Sample(text => Load(text), iter: 3000);

    [Fact]
    public void Load_TheSampleWithOneCharacterChanged_NeverThrows() =>
        Gen.Select(Gen.Int[0, Sample.Length - 1], Gen.Char["[]{}=\"'.,#\\ \n0aZ"], Gen.Bool).Sample((index, c, cut) =>
            Load(cut ? Sample[..index] : string.Concat(Sample.AsSpan(0, index), c.ToString(), Sample.AsSpan(index + 1))), iter: 2000);

    [Theory]
    [InlineData("a = ", "[", "]")]
    [InlineData("a = ", "{b = ", "}")]
    [InlineData("a = ", "[{b = ", "}]")]
    public void Load_NestedDeeperThanTheParserGoes_IsAnErrorNotAnException(string head, string open, string close)
    {
        foreach (var depth in new[] { 63, 64, 65, 200, 10_000 })
        {
            var text = head + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

            var result = Load(text);

            Assert.False(result.IsValid);
            Assert.NotEmpty(result.Errors);
        }
    }

    [Fact]
    public void Load_ArbitraryEnvironmentValues_NeverThrow() =>
        Gen.Select(Gen.Int[0, Variables.Length - 1], TomlishText).Sample((index, value) =>
        {
            var result = ConfigLoader.Load(null, "test.toml", name => name == Variables[index] ? value : null);
            Assert.True(result.IsValid || result.Errors.Count > 0);
        }, iter: 3000);

    private static ConfigResult Load(string text)
    {
        var result = ConfigLoader.Load(text, "test.toml", _ => null);
        Assert.True(result.IsValid || result.Errors.Count > 0);
        return result;
    }
}
