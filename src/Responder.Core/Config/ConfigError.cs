namespace Responder.Core.Config;

/// <summary>One problem in the configuration, at a key path such as <c>policy.rules[1].actions[0].action</c>.</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
