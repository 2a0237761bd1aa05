namespace Responder.Core.Config;

/// <summary>Security Hub findings (the <c>[securityhub]</c> table): off unless enabled.</summary>
/// <param name="Enabled">Every notified alert also becomes a finding.</param>
/// <param name="ProductArn">The product the findings are imported for; null: the account's default product, the account being the credentials'.</param>
public sealed record SecurityHubSettings(bool Enabled, string? ProductArn);
