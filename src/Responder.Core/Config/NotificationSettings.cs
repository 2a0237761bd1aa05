namespace Responder.Core.Config;

/// <param name="MaxMessages">Alert messages (and containment messages) per invocation before the digest.</param>
/// <param name="Format">How each message is written.</param>
public sealed record NotificationSettings(int MaxMessages, NotificationFormat Format = NotificationFormat.Text);
