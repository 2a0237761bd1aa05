using Responder.Core.Config;
using Responder.Core.Policy;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

/// <summary>The [evidence] table, its variables, collect-evidence's on_evidence_failure and [state] max_snapshots.</summary>
public sealed class EvidenceConfigTests
{
    [Fact]
    public void Load_EvidenceFromTheEnvironment_OverridesTheFile()
    {
        var result = TestConfig.Load("[evidence]\nbucket = \"from-file\"\nprefix = \"file/\"", new Dictionary<string, string>
        {
            ["RESPONDER_EVIDENCE_BUCKET"] = "falco-evidence-prod",
            ["RESPONDER_EVIDENCE_PREFIX"] = "evidence/prod/",
            ["RESPONDER_EVIDENCE_KMS_KEY_ID"] = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            ["RESPONDER_EVIDENCE_RETENTION_DAYS"] = "30",
        });

        Assert.Empty(result.Errors);
        var evidence = result.Config!.Evidence;
        Assert.Equal(("falco-evidence-prod", "evidence/prod/", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", 30),
            (evidence.Bucket, evidence.Prefix, evidence.KmsKeyId, evidence.RetentionDays));
    }

    [Fact]
    public void Load_EmptyVariables_CountAsUnset()
    {
        var result = TestConfig.Load("[evidence]\nbucket = \"from-file\"", new Dictionary<string, string>
        {
            ["RESPONDER_EVIDENCE_BUCKET"] = "", ["RESPONDER_EVIDENCE_KMS_KEY_ID"] = "", ["RESPONDER_EVIDENCE_PREFIX"] = "",
        });

        Assert.Equal(("from-file", null, "falco-responder/"), (result.Config!.Evidence.Bucket, result.Config.Evidence.KmsKeyId, result.Config.Evidence.Prefix));
    }

    [Theory]
    [InlineData("RESPONDER_EVIDENCE_BUCKET", "Falco_Evidence", "\"Falco_Evidence\" is not an S3 bucket name")]
    [InlineData("RESPONDER_EVIDENCE_PREFIX", "evidence", "\"evidence\" is not a key prefix ending in '/'")]
    [InlineData("RESPONDER_EVIDENCE_PREFIX", "a/*/", "\"a/*/\" is not a key prefix ending in '/'")]
    [InlineData("RESPONDER_EVIDENCE_PREFIX", "../", "\"../\" is not a key prefix ending in '/'")]
    [InlineData("RESPONDER_EVIDENCE_KMS_KEY_ID", "my key", "\"my key\" is not a KMS key ARN, key id or alias")]
    [InlineData("RESPONDER_EVIDENCE_RETENTION_DAYS", "0", "\"0\" is not a number of days from 1 to 36500")]
    [InlineData("RESPONDER_EVIDENCE_RETENTION_DAYS", "ninety", "\"ninety\" is not a number of days from 1 to 36500")]
    public void Load_BadEvidenceVariable_IsOneErrorNamingIt(string name, string value, string message)
    {
        var error = Assert.Single(TestConfig.Load(null, new Dictionary<string, string> { [name] = value }).Errors);

        Assert.Equal((name, message), (error.Path, error.Message));
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_S3")]
    [InlineData("AWS_ENDPOINT_URL_EC2")]
    public void Load_EvidenceEndpointNotAUrl_IsAnErrorNamingTheVariable(string name)
    {
        var error = Assert.Single(TestConfig.Load(null, new Dictionary<string, string> { [name] = "::bad" }).Errors);

        Assert.Equal((name, "\"::bad\" is not an http:// or https:// URL"), (error.Path, error.Message));
    }

    [Theory]
    [InlineData("bucket = \"ab\"", "evidence.bucket")]
    [InlineData("bucket = \"-bucket\"", "evidence.bucket")]
    [InlineData("prefix = \"/evidence/\"", "evidence.prefix")]
    [InlineData("prefix = \"a//\"", "evidence.prefix")]
    [InlineData("kms_key_id = \"arn:aws:sns:eu-west-1:123456789012:topic\"", "evidence.kms_key_id")]
    [InlineData("retention_days = 0", "evidence.retention_days")]
    [InlineData("max_log_bytes_per_container = 100", "evidence.max_log_bytes_per_container")]
    [InlineData("max_log_bytes_per_container = 16777217", "evidence.max_log_bytes_per_container")]
    public void Load_BadEvidenceSetting_IsAnErrorAtItsKey(string line, string path)
    {
        var error = Assert.Single(TestConfig.Load($"[evidence]\n{line}").Errors);

        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("evidence/")]
    [InlineData("team-a/falco/")]
    public void Load_KeyPrefix_IsAccepted(string prefix)
    {
        Assert.Equal(prefix, TestConfig.From($"[evidence]\nprefix = \"{prefix}\"").Evidence.Prefix);
    }

    [Theory]
    [InlineData(null, EvidenceFailure.Proceed)]
    [InlineData("proceed", EvidenceFailure.Proceed)]
    [InlineData("hold", EvidenceFailure.Hold)]
    public void Load_OnEvidenceFailure_IsBoundToTheAction(string? value, EvidenceFailure expected)
    {
        var config = TestConfig.From($"""
            [[policy.rules]]
            name = "r"
            [policy.rules.match]
            min_score = 90
            [[policy.rules.actions]]
            action = "collect-evidence"
            {(value is null ? "" : $"on_evidence_failure = \"{value}\"")}
            """);

        Assert.Equal(expected, Assert.Single(Assert.Single(config.Policy.Rules).Actions).OnEvidenceFailure);
    }

    [Fact]
    public void Load_OnEvidenceFailureNeitherProceedNorHold_IsAnError()
    {
        var error = Assert.Single(TestConfig.Load("""
            [[policy.rules]]
            name = "r"
            [[policy.rules.actions]]
            action = "collect-evidence"
            on_evidence_failure = "ignore"
            """).Errors);

        Assert.Equal(("policy.rules[0].actions[0].on_evidence_failure", "\"ignore\" is not \"proceed\" or \"hold\""), (error.Path, error.Message));
    }

    [Fact]
    public void Load_MaxSnapshots_IsBoundAndBounded()
    {
        Assert.Equal(0, TestConfig.From("[state]\nmax_snapshots = 0").State.MaxSnapshots);
        Assert.Equal("state.max_snapshots", Assert.Single(TestConfig.Load("[state]\nmax_snapshots = -1").Errors).Path);
    }
}
