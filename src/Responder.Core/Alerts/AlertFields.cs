using System.Text.Json;

namespace Responder.Core.Alerts;

/// <summary>Tolerant access to <c>output_fields</c>: any JSON type, null, bracketed and capitalised keys.</summary>
public readonly struct AlertFields(JsonElement fields)
{
    public static readonly AlertFields Empty = new(default);

    public bool IsEmpty => fields.ValueKind != JsonValueKind.Object;

    /// <summary>The field as text; null when absent, JSON null, or Falco's "&lt;NA&gt;".</summary>
    public string? GetText(string key)
    {
        var text = JsonFields.GetText(fields, key);
        return JsonFields.IsMissing(text) ? null : text;
    }
}
