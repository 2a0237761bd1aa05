using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Responder.Aws.Sns;

/// <summary>
/// One SNS message attribute, typed where it is made. SNS refuses a String.Array whose value is not a
/// JSON array, so the type is never guessed from the value: a rule named "[PCI] ..." is a String.
/// </summary>
public sealed record SnsAttribute(string Name, string DataType, string Value)
{
    public const string StringType = "String";

    public const string StringArrayType = "String.Array";

    public static SnsAttribute OfString(string name, string value) => new(name, StringType, value);

    /// <summary>The values as a JSON array of strings, written by a JSON writer so any value is escaped as JSON needs.</summary>
    public static SnsAttribute OfStringArray(string name, IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return new(name, StringArrayType, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
