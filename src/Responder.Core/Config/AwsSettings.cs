namespace Responder.Core.Config;

/// <param name="Region">Empty when the environment decides.</param>
/// <param name="SnsTopicArn">Null when no notifications are configured.</param>
public sealed record AwsSettings(string? Region, string? SnsTopicArn);
