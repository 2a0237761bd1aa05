using System.Text.Json.Nodes;
using Responder.Aws.Sns;

namespace Responder.Aws.Tests.Sns;

public sealed class SnsAttributeTests
{
    [Fact]
    public void OfStringArray_ValuesNeedingJsonEscapes_IsAJsonArrayOfExactlyThoseValues()
    {
        string[] values = ["quote\"d", "back\\slash", "line\nbreak", "[bracketed]", "\u00e9 \U0001F41A", "</script>"];

        var attribute = SnsAttribute.OfStringArray("actions", values);

        Assert.Equal("String.Array", attribute.DataType);
        Assert.Equal(values, JsonNode.Parse(attribute.Value)!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void OfStringArray_NoValues_IsAnEmptyJsonArray()
    {
        Assert.Equal(new SnsAttribute("actions", "String.Array", "[]"), SnsAttribute.OfStringArray("actions", []));
    }

    [Fact]
    public void OfString_ValueThatLooksLikeAJsonArray_IsStillAString()
    {
        Assert.Equal(new SnsAttribute("rule", "String", "[\"PCI\"]"), SnsAttribute.OfString("rule", "[\"PCI\"]"));
    }
}
