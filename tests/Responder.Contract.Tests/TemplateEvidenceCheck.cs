using static Responder.Contract.Tests.CfnYaml;

namespace Responder.Contract.Tests;

/// <summary>
/// The evidence bucket the template makes: kept with the stack gone, encrypted (with the evidence key when one is given),
/// closed to the public, versioned with Object Lock so a second write never replaces the first, expiring after the
/// retention the function locks objects for, and reachable over TLS only.
/// </summary>
internal sealed partial class TemplateCheck
{
    public IEnumerable<string> EvidenceBuckets()
    {
        foreach (var (id, resource) in Resources.Select(r => (r.Key, Map(r.Value, r.Key))).Where(r => Text(r.Item2, "Type") == "AWS::S3::Bucket"))
        {
            if (Text(resource, "DeletionPolicy") != "Retain" || Text(resource, "UpdateReplacePolicy") != "Retain")
            {
                yield return $"{id}: evidence must outlive the stack: DeletionPolicy and UpdateReplacePolicy Retain";
            }

            var properties = MapOrNull(resource, "Properties") ?? [];
            foreach (var problem in Encryption(id, properties).Concat(PublicAccess(id, properties)).Concat(Versions(id, properties)).Concat(Lifecycle(id, properties)))
            {
                yield return problem;
            }

            if (!DeniesInsecureTransport(id))
            {
                yield return $"{id}: no bucket policy denies requests without TLS (aws:SecureTransport false)";
            }
        }
    }

    private static IEnumerable<string> Encryption(string id, Dictionary<string, object?> properties)
    {
        var configuration = MapOrNull(properties, "BucketEncryption")?.GetValueOrDefault("ServerSideEncryptionConfiguration") as List<object?>;
        var rule = configuration is [var only] ? MapOrNull(Map(only, "rule"), "ServerSideEncryptionByDefault") : null;
        if (rule is null)
        {
            yield return $"{id}: BucketEncryption must have one default encryption rule";
            yield break;
        }

        var algorithm = rule.GetValueOrDefault("SSEAlgorithm");
        var key = rule.GetValueOrDefault("KMSMasterKeyID");
        var keyed = Intrinsic(algorithm) is ("Fn::If", List<object?> { Count: 3 } a) && a[0] as string == "HasEvidenceKey" && a[1] as string == "aws:kms" && a[2] as string == "AES256"
            && Intrinsic(key) is ("Fn::If", List<object?> { Count: 3 } k) && k[0] as string == "HasEvidenceKey" && Intrinsic(k[1]) is ("Ref", "EvidenceKmsKeyArn");
        if (!keyed)
        {
            yield return $"{id}: SSEAlgorithm must be aws:kms with EvidenceKmsKeyArn when it is given (HasEvidenceKey), AES256 otherwise";
        }
    }

    private static IEnumerable<string> PublicAccess(string id, Dictionary<string, object?> properties)
    {
        var block = MapOrNull(properties, "PublicAccessBlockConfiguration") ?? [];
        foreach (var setting in new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" }.Where(s => Text(block, s) != "true"))
        {
            yield return $"{id}: PublicAccessBlockConfiguration {setting} must be true";
        }
    }

    private static IEnumerable<string> Versions(string id, Dictionary<string, object?> properties)
    {
        if (Text(MapOrNull(properties, "VersioningConfiguration") ?? [], "Status") != "Enabled")
        {
            yield return $"{id}: versioning must be Enabled, so an object written again keeps its first version";
        }

        if (Text(properties, "ObjectLockEnabled") != "true" || Text(MapOrNull(properties, "ObjectLockConfiguration") ?? [], "ObjectLockEnabled") != "Enabled")
        {
            yield return $"{id}: Object Lock must be enabled, so the function can lock each object for EvidenceRetentionDays";
        }
    }

    private static IEnumerable<string> Lifecycle(string id, Dictionary<string, object?> properties)
    {
        var rules = OneOrMany((MapOrNull(properties, "LifecycleConfiguration") ?? []).GetValueOrDefault("Rules")).Select(r => Map(r, "rule")).ToList();
        if (!rules.Any(r => Text(r, "Status") == "Enabled" && Intrinsic(r.GetValueOrDefault("ExpirationInDays")) is ("Ref", "EvidenceRetentionDays")
            && MapOrNull(r, "NoncurrentVersionExpiration") is not null))
        {
            yield return $"{id}: a lifecycle rule must expire objects after EvidenceRetentionDays, their old versions too";
        }
    }

    private bool DeniesInsecureTransport(string bucket) =>
        Resources.Values.Select(r => Map(r, "resource")).Where(r => Text(r, "Type") == "AWS::S3::BucketPolicy")
            .Select(r => MapOrNull(r, "Properties") ?? [])
            .Where(p => Intrinsic(p.GetValueOrDefault("Bucket")) is ("Ref", string id) && id == bucket)
            .SelectMany(p => OneOrMany((MapOrNull(p, "PolicyDocument") ?? []).GetValueOrDefault("Statement")).Select(s => Map(s, "statement")))
            .Any(s => Text(s, "Effect") == "Deny"
                && Text(MapOrNull(MapOrNull(s, "Condition") ?? [], "Bool") ?? [], "aws:SecureTransport") == "false");
}
