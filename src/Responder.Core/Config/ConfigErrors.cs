namespace Responder.Core.Config;

/// <summary>Collects every problem of a configuration so they can all be reported at once.</summary>
internal sealed class ConfigErrors
{
    public List<ConfigError> Errors { get; } = [];

    public List<ConfigError> Warnings { get; } = [];

    public void Add(string path, string message) => Errors.Add(new ConfigError(OneLine(path), OneLine(message)));

    public void Warn(string path, string message) => Warnings.Add(new ConfigError(OneLine(path), OneLine(message)));

    // A message quotes what it found, which may be anything a file or a variable holds: each problem stays one line.
    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var line = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            line.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return line.ToString();
    }
}
