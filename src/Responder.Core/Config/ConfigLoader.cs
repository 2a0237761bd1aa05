using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Responder.Core.Config;

/// <summary>
/// Loads the configuration: the built-in defaults (samplecfg.toml, embedded), the user's TOML laid
/// over them, then the environment. Every error is reported at once with its key path.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultName = "samplecfg.toml (built in)";

    private static readonly Lazy<string> Default = new(ReadDefault);

    /// <summary>The text of the built-in configuration, which is samplecfg.toml.</summary>
    public static string DefaultText => Default.Value;

    /// <param name="text">The user's TOML, or null for the defaults alone.</param>
    /// <param name="sourceName">Names the file in syntax errors.</param>
    /// <param name="environment">Reads an environment variable; null when unset.</param>
    public static ConfigResult Load(string? text, string sourceName, Func<string, string?> environment)
    {
        var errors = new ConfigErrors();
        var table = Parse(DefaultText, DefaultName, errors);
        if (text is not null && table is not null)
        {
            var user = Parse(text, sourceName, errors);
            table = user is null ? null : TomlMerge.Over(table, user);
        }

        if (table is null)
        {
            return new ConfigResult(null, errors.Errors, errors.Warnings);
        }

        var config = ConfigBinder.Bind(table, errors);
        config = EnvironmentOverrides.Apply(config, environment, errors);
        PolicyBinder.CheckKubeSystem(config.Policy, errors);
        return new ConfigResult(errors.Errors.Count == 0 ? config : null, errors.Errors, errors.Warnings);
    }

    private static TomlTable? Parse(string text, string sourceName, ConfigErrors errors)
    {
        try
        {
            return ParseTable(text, sourceName, errors);
        }
        catch (TomlException outer)
        {
            // Tomlyn wraps the parser's error in a converter error placed at the enclosing key, or
            // nowhere: the innermost exception says where the problem is.
            var ex = outer;
            while (ex.InnerException is TomlException inner)
            {
                ex = inner;
            }

            if (ex.Diagnostics is { Count: > 0 } diagnostics)
            {
                foreach (var diagnostic in diagnostics)
                {
                    var start = diagnostic.Span.Start;
                    errors.Add($"{sourceName}:{start.Line + 1}:{start.Column + 1}", diagnostic.Message);
                }
            }
            else
            {
                errors.Add(ex.Line > 0 ? $"{sourceName}:{ex.Line}:{ex.Column}" : sourceName, ex.Message);
            }

            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            // The parser's own checks of what it reads (an escape naming no Unicode character, a number out of range)
            // surface as these: the file is not readable TOML, whatever the exception.
            errors.Add(sourceName, $"not readable TOML: {ex.Message}");
            return null;
        }
    }

    private static TomlTable? ParseTable(string text, string sourceName, ConfigErrors errors)
    {
        // The model deserializer lets a key or table defined twice pass (the last one wins), which
        // TOML forbids and which could hide a guardrail: the syntax parser's validation catches it.
        var syntax = SyntaxParser.Parse(text, sourceName, validate: true);
        if (syntax.HasErrors)
        {
            foreach (var diagnostic in syntax.Diagnostics.Where(d => d.Kind == DiagnosticMessageKind.Error))
            {
                var start = diagnostic.Span.Start;
                errors.Add($"{sourceName}:{start.Line + 1}:{start.Column + 1}", diagnostic.Message);
            }

            return null;
        }

        return TomlSerializer.Deserialize(text, TomlModelContext.Default.TomlTable) ?? new TomlTable();
    }

    private static string ReadDefault()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream("samplecfg.toml")
            ?? throw new InvalidOperationException("samplecfg.toml is not embedded in Responder.Core");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
