namespace Responder.Core.Config;

/// <param name="MaxMessages">Alert messages (and containment messages) per invocation before the digest.</param>
public sealed record NotificationSettings(int MaxMessages);
