using static Responder.Contract.Tests.CfnYaml;

namespace Responder.Contract.Tests;

/// <summary>
/// The IAM part of the template check: the function's role grants exactly the calls the code makes,
/// each on the one resource it touches, and no wildcard.
/// </summary>
internal sealed partial class TemplateCheck
{
    /// <summary>The managed policy the function's role may have: network interfaces in a VPC.</summary>
    public static readonly string[] AllowedManagedPolicies = ["AWSLambdaVPCAccessExecutionRole"];

    /// <summary>
    /// Beyond the code's calls, what Lambda does with the function's role: send failed asynchronous events
    /// to the destination, and write the function's logs.
    /// </summary>
    public static readonly string[] PlatformActions = ["sqs:SendMessage", "logs:CreateLogStream", "logs:PutLogEvents"];

    /// <summary>What SNS does with the publisher's own permissions when the topic is encrypted with a customer-managed key.</summary>
    public static readonly string[] EncryptedTopicActions = ["kms:Decrypt", "kms:GenerateDataKey"];

    public IEnumerable<string> Iam()
    {
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, properties, _) in Functions)
        {
            if (properties.ContainsKey("Policies"))
            {
                yield return $"{id}: Policies lets SAM write the role; use the template's own role so every grant is checked here";
            }

            if (Intrinsic(properties.GetValueOrDefault("Role")) is not ("Fn::GetAtt", List<object?> { Count: 2 } role) || role[1] as string != "Arn"
                || Text(Map(Resources.GetValueOrDefault(role[0] as string ?? ""), "role"), "Type") != "AWS::IAM::Role")
            {
                yield return $"{id}: Role must be !GetAtt <a role of this template>.Arn";
            }
        }

        foreach (var (id, resource) in Resources.Select(r => (r.Key, Map(r.Value, r.Key))))
        {
            var type = Text(resource, "Type");
            if (type is "AWS::IAM::Policy" or "AWS::IAM::ManagedPolicy")
            {
                yield return $"{id}: policies belong inline in the function's role, where they are checked";
            }

            if (type != "AWS::IAM::Role")
            {
                continue;
            }

            var properties = MapOrNull(resource, "Properties") ?? [];
            foreach (var arn in OneOrMany(properties.GetValueOrDefault("ManagedPolicyArns")))
            {
                var text = Intrinsic(arn) is ("Fn::Sub", string sub) ? sub : arn as string ?? "";
                if (!AllowedManagedPolicies.Any(p => text.EndsWith($":policy/service-role/{p}", StringComparison.Ordinal)))
                {
                    yield return $"{id}: managed policy {text} is not one of {string.Join(", ", AllowedManagedPolicies)}";
                }
            }

            foreach (var policy in OneOrMany(properties.GetValueOrDefault("Policies")))
            {
                var document = MapOrNull(Map(policy, "policy"), "PolicyDocument") ?? [];
                foreach (var statement in OneOrMany(document.GetValueOrDefault("Statement")).Select(s => Map(s, "statement")))
                {
                    foreach (var problem in Statement(id, statement, granted))
                    {
                        yield return problem;
                    }
                }
            }
        }

        var needed = CodeFacts.AwsActions.Concat(PlatformActions).Concat(EncryptedTopicActions).ToHashSet(StringComparer.Ordinal);
        foreach (var action in needed.Except(granted).Order(StringComparer.Ordinal))
        {
            yield return $"the code calls {action}, which no statement grants";
        }

        foreach (var action in granted.Except(needed).Order(StringComparer.Ordinal))
        {
            yield return $"{action} is granted but the code never calls it";
        }
    }

    private IEnumerable<string> Statement(string role, Dictionary<string, object?> statement, HashSet<string> granted)
    {
        if (Text(statement, "Effect") != "Allow")
        {
            yield break;
        }

        var actions = OneOrMany(statement.GetValueOrDefault("Action")).Select(a => a as string ?? "").ToList();
        var resources = OneOrMany(statement.GetValueOrDefault("Resource")).ToList();
        if (statement.ContainsKey("NotAction") || statement.ContainsKey("NotResource"))
        {
            yield return $"{role}: NotAction/NotResource grant everything else";
        }

        foreach (var action in actions)
        {
            granted.Add(action);
            if (action.Contains('*', StringComparison.Ordinal))
            {
                yield return $"{role}: action \"{action}\" has a wildcard";
            }
        }

        if (resources.Count == 0)
        {
            yield return $"{role}: a statement for {string.Join(", ", actions)} names no resource";
        }

        foreach (var resource in resources)
        {
            var text = resource as string ?? (Intrinsic(resource) is ("Fn::Sub", string sub) ? sub : null);
            if (text is not null && text.Contains('*', StringComparison.Ordinal))
            {
                yield return $"{role}: resource \"{text}\" for {string.Join(", ", actions)} has a wildcard";
            }

            var service = actions.Select(a => a.Split(':')[0]).Distinct().ToList();
            if (service.Count == 1 && !ScopedTo(service[0], resource))
            {
                yield return $"{role}: {string.Join(", ", actions)} is not scoped to the {service[0]} resource the code uses";
            }
        }
    }

    /// <summary>Whether a statement's resource is the one thing the code touches for that service.</summary>
    private bool ScopedTo(string service, object? resource) => (service, Intrinsic(resource)) switch
    {
        ("sns", ("Ref", string id)) => id == "ExistingTopicArn" || ResourceType(id) == "AWS::SNS::Topic",
        ("eks", ("Fn::Sub", string arn)) => arn.EndsWith(":cluster/${ClusterName}", StringComparison.Ordinal),
        ("dynamodb", ("Fn::GetAtt", List<object?> att)) => ResourceType(att[0] as string) == "AWS::DynamoDB::Table",
        ("sqs", ("Fn::GetAtt", List<object?> att)) => ResourceType(att[0] as string) == "AWS::SQS::Queue",
        ("logs", ("Fn::GetAtt", List<object?> att)) => ResourceType(att[0] as string) == "AWS::Logs::LogGroup",
        ("kms", ("Ref", string id)) => id == "TopicKmsKeyArn",
        ("securityhub", ("Fn::Sub", string arn)) => arn == CodeFacts.DefaultProductArn,
        _ => false,
    };

    private string? ResourceType(string? id) =>
        id is not null && Resources.TryGetValue(id, out var resource) ? Text(Map(resource, id), "Type") : null;
}
