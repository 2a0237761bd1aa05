using CsCheck;
using Responder.Aws.Sns;

namespace Responder.Aws.Tests.Sns;

public sealed class ChatTextTests
{
    [Fact]
    public void Inert_AnyText_HasNoMarkupNoLineBreakAndFits()
    {
        Gen.String[Gen.Char, 0, 600].Select(Gen.Int[1, 300]).Sample((text, max) =>
        {
            var inert = ChatText.Inert(text, max);
            var markup = inert.Select((c, i) => (c, i)).Where(x => ChatText.Markup.Contains(x.c)
                && !(x.c == '_' && x.i > 0 && x.i < inert.Length - 1 && char.IsAsciiLetterOrDigit(inert[x.i - 1]) && char.IsAsciiLetterOrDigit(inert[x.i + 1])));
            return inert.Length <= max && !markup.Any() && !inert.Any(c => c is '\n' or '\r' or '\u2028' or '\u2029' or '\u0085');
        });
    }

    [Theory]
    [InlineData("*bold* _it_ `code`", "\u2217bold\u2217 \uFF3Fit\uFF3F \u02CBcode\u02CB")]
    [InlineData("release_agent _x a_ b_", "release_agent \uFF3Fx a\uFF3F b\uFF3F")]
    [InlineData("<!channel> @here", "\u2039\uFF01channel\u203A \uFF20here")]
    [InlineData("[x](https://e.example)", "\uFF3Bx\uFF3D(https://e.example)")]
    [InlineData("line\nbreak", "line\uFF3Cnbreak")]
    [InlineData("plain text: 1.2.3-4", "plain text: 1.2.3-4")]
    public void Inert_MarkupCharacters_BecomeTheirLookAlikes(string text, string expected)
    {
        Assert.Equal(expected, ChatText.Inert(text, 100));
    }

    [Fact]
    public void Inert_LongText_IsCutWithAnEllipsisWithinTheLimit()
    {
        Assert.Equal(new string('a', 9) + "\u2026", ChatText.Inert(new string('a', 50), 10));
    }
}
