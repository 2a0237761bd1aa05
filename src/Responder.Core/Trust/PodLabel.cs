namespace Responder.Core.Trust;

/// <summary>A label the Falco pod must carry: a key, with a value or (null) any value.</summary>
public sealed record PodLabel(string Key, string? Value)
{
    public override string ToString() => Value is null ? Key : $"{Key}={Value}";
}
