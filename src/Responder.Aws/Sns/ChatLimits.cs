namespace Responder.Aws.Sns;

/// <summary>
/// The bounds every chat message is kept within. They are at or below what the custom-notification format of Amazon Q
/// Developer in chat applications takes and what Slack and Teams show of a card, so a message is shown whole or cut by
/// the responder (with an ellipsis), never refused or cut by the chat.
/// </summary>
public static class ChatLimits
{
    public const int Title = 250;
    public const int Description = 4000;
    public const int NextSteps = 5;
    public const int NextStep = 350;
    public const int Keywords = 10;
    public const int Keyword = 75;
    public const int ThreadId = 128;
    public const int Summary = 250;
    public const int EventType = 100;
    public const int RelatedResources = 5;
    public const int RelatedResource = 1024;
    public const int ContextValue = 256;

    /// <summary>One description line of alert text, so the summary, the actions and the marks always fit.</summary>
    public const int Line = 512;
}
