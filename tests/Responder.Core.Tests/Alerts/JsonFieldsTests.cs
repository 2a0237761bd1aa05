using System.Text.Json;
using Responder.Core.Alerts;

namespace Responder.Core.Tests.Alerts;

public sealed class JsonFieldsTests
{
    [Fact]
    public void TryGet_ExactKey_WinsOverCaselessKey()
    {
        var json = JsonElement.Parse("""{"Rule": "caseless", "rule": "exact"}""");

        Assert.True(JsonFields.TryGet(json, "rule", out var value));
        Assert.Equal("exact", value.GetString());
    }

    [Fact]
    public void TryGet_DuplicateKey_FirstOccurrenceWins()
    {
        var json = JsonElement.Parse("""{"rule": "first", "rule": "second", "RULE": "third"}""");

        Assert.Equal("first", JsonFields.GetText(json, "rule"));
    }

    [Fact]
    public void TryGet_CaselessKeys_FirstCaselessOccurrenceWins()
    {
        var json = JsonElement.Parse("""{"RULE": "first", "Rule": "second"}""");

        Assert.Equal("first", JsonFields.GetText(json, "rule"));
    }

    [Fact]
    public void TryGet_EscapedCapitalisedKey_MatchesIgnoringCase()
    {
        var json = JsonElement.Parse("""{"\u0052ule": "escaped"}""");

        Assert.Equal("escaped", JsonFields.GetText(json, "rule"));
    }

    [Theory]
    [InlineData("""{"outp\u0075t": "escaped", "output": "plain"}""", "output", "escaped")]
    [InlineData("""{"Output": "caseless", "outp\u0075t": "escaped"}""", "output", "escaped")]
    [InlineData("""{"caf\u00e9": "escaped", "café": "plain"}""", "café", "escaped")]
    [InlineData("""{"CAFÉ": "caseless", "café": "plain"}""", "café", "plain")]
    [InlineData("""{"k8s.pod.name": "web-1", "k8s.pod.nam": "cut"}""", "k8s.pod.name", "web-1")]
    public void TryGet_EscapedOrNonAsciiName_IsTheKeyAJsonReaderSees(string json, string name, string expected) =>
        Assert.Equal(expected, JsonFields.GetText(JsonElement.Parse(json), name));

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"rule\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void TryGet_NotAnObject_IsFalse(string json) =>
        Assert.False(JsonFields.TryGet(JsonElement.Parse(json), "rule", out _));

    [Fact]
    public void TryGet_AbsentKey_IsFalse() =>
        Assert.False(JsonFields.TryGet(JsonElement.Parse("""{"rules": "x", "rul": "y"}"""), "rule", out _));

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("1.50", "1.50")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("[\"a\",1]", "[\"a\",1]")]
    public void AsText_Value_IsTextAsWritten(string json, string expected) =>
        Assert.Equal(expected, JsonFields.AsText(JsonElement.Parse(json)));

    [Fact]
    public void AsText_Null_IsNull() => Assert.Null(JsonFields.AsText(JsonElement.Parse("null")));

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("  ", true)]
    [InlineData("<NA>", true)]
    [InlineData("NA", false)]
    [InlineData("payments", false)]
    public void IsMissing_FalcoNoValueMarkers_AreMissing(string? text, bool missing) =>
        Assert.Equal(missing, JsonFields.IsMissing(text));
}
