using System.Text;

namespace Responder.Aws.Sns;

/// <summary>
/// Text from an alert made inert in a chat message. Amazon Q Developer renders client-markdown in the chat's own
/// dialect: Slack's mrkdwn (no escape character at all, &lt;...&gt; for links and @channel) or Teams' Markdown. No
/// escape works in both, so each character either could read as markup is replaced by a look-alike that none reads:
/// a rule named <c>*[click](https://x)*</c> shows as it was written, never as a link or bold text. Line breaks and other
/// controls are escaped first, as in the text format (<see cref="AlertText"/>), so an alert cannot add lines either.
/// </summary>
public static class ChatText
{
    /// <summary>The markup characters and what is shown instead: one character each, so a cut length stays a length.</summary>
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['*'] = '\u2217', // asterisk operator
        ['_'] = '\uFF3F', // fullwidth low line
        ['~'] = '\u223C', // tilde operator
        ['`'] = '\u02CB', // modifier letter grave accent
        ['<'] = '\u2039', // single left-pointing angle quotation mark
        ['>'] = '\u203A', // single right-pointing angle quotation mark
        ['&'] = '\uFF06', // fullwidth ampersand
        ['['] = '\uFF3B', // fullwidth brackets
        [']'] = '\uFF3D',
        ['#'] = '\uFF03', // fullwidth number sign
        ['|'] = '\uFF5C', // fullwidth vertical line
        ['\\'] = '\uFF3C', // fullwidth reverse solidus
        ['@'] = '\uFF20', // fullwidth commercial at
        ['!'] = '\uFF01', // fullwidth exclamation mark (![image](...))
    };

    /// <summary>
    /// The characters a chat could read as markup; none of them survives <see cref="Inert"/>, but for an underscore
    /// inside a word (release_agent), which neither Slack nor Markdown reads as emphasis and which names are full of.
    /// </summary>
    public static IReadOnlyCollection<char> Markup => LookAlikes.Keys;

    /// <summary>The text on one line, at most <paramref name="maxChars"/> characters (an ellipsis ends a cut one), with no character a chat reads as markup.</summary>
    public static string Inert(string text, int maxChars)
    {
        var line = AlertText.OneLine(text, Math.Max(0, maxChars - 1), "\u2026");
        var inert = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var inWord = c == '_' && i > 0 && i < line.Length - 1 && char.IsAsciiLetterOrDigit(line[i - 1]) && char.IsAsciiLetterOrDigit(line[i + 1]);
            inert.Append(!inWord && LookAlikes.TryGetValue(c, out var alike) ? alike : c);
        }

        return inert.ToString();
    }
}
