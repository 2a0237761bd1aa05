namespace Responder.Core.Config;

/// <summary>The names of <see cref="NotificationFormat"/> in the configuration and the environment.</summary>
public static class NotificationFormats
{
    public const string Expected = "\"text\" or \"chat\"";

    public static bool TryParse(string text, out NotificationFormat format)
    {
        (var known, format) = text switch
        {
            "text" => (true, NotificationFormat.Text),
            "chat" => (true, NotificationFormat.Chat),
            _ => (false, NotificationFormat.Text),
        };
        return known;
    }

    public static string ToWire(this NotificationFormat format) => format == NotificationFormat.Chat ? "chat" : "text";
}
