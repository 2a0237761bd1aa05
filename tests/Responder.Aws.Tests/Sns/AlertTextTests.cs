using System.Text.Json.Nodes;
using Responder.Aws.Sns;

namespace Responder.Aws.Tests.Sns;

public sealed class AlertTextTests
{
    [Fact]
    public void OneLine_EveryKindOfLineBreakAndControlCharacter_BecomesAVisibleEscape()
    {
        var line = AlertText.OneLine("a\nb\rc\td\u0085e\u2028f\u2029g\u000bh\u000ci\u001b[31mj\u007fk\u0000l\u202Em\uFFFF", 1_000);

        Assert.Equal(@"a\nb\rc\td\u0085e\u2028f\u2029g\u000bh\u000ci\u001b[31mj\u007fk\u0000l\u202em\uffff", line);
    }

    [Fact]
    public void OneLine_LoneSurrogates_AreEscapedAndPairsKept()
    {
        Assert.Equal("a\\ud800b\\udc00c \U0001F41A", AlertText.OneLine("a\uD800b\uDC00c \U0001F41A", 1_000));
    }

    [Fact]
    public void OneLine_PrintableTextInAnyScript_IsUnchanged()
    {
        const string Text = "R\u00e8gle: sh -c 'echo \\n' \u4e2d\u6587 \U0001F41A";

        Assert.Equal(Text, AlertText.OneLine(Text, 1_000));
    }

    [Theory]
    [InlineData("abc\ndef", 4, "abc [...]")]
    [InlineData("abc\ndef", 5, @"abc\n [...]")]
    [InlineData("abc\U0001F41Adef", 4, "abc [...]")]
    [InlineData("abc\U0001F41Adef", 5, "abc\U0001F41A [...]")]
    [InlineData("abcdef", 6, "abcdef")]
    [InlineData("abcdefg", 6, "abcdef [...]")]
    public void OneLine_LongerThanTheLimit_IsCutBeforeAnEscapeOrACharacterPairWithTheMarker(string text, int maxChars, string expected)
    {
        Assert.Equal(expected, AlertText.OneLine(text, maxChars));
    }

    [Fact]
    public void Json_PrettyPrintedWithRawSeparatorsInAString_KeepsTheLayoutAndEscapesTheSeparators()
    {
        const string Raw = "{\n\t\"cmd\": \"a\u2028b\u0085c\u007fd \U0001F41A\"\r\n}";

        var json = AlertText.Json(Raw);

        Assert.Equal("{\n\t\"cmd\": \"a\\u2028b\\u0085c\\u007fd \U0001F41A\"\r\n}", json);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Raw), JsonNode.Parse(json)));
    }
}
