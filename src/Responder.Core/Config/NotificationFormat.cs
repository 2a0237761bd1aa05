namespace Responder.Core.Config;

/// <summary>How a notification's message is written; the subject and the attributes are the same in both.</summary>
public enum NotificationFormat
{
    /// <summary>Plain text for e-mail and SMS readers.</summary>
    Text,

    /// <summary>The custom-notification JSON of Amazon Q Developer in chat applications (formerly AWS Chatbot), for Slack, Teams and Chime.</summary>
    Chat,
}
