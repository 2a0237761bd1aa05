using System.Globalization;
using Tomlyn.Model;

namespace Responder.Core.Config;

/// <summary>
/// Typed reads from one TOML table, each error recorded with its key path. Every key read is
/// remembered; <see cref="Finish"/> reports the keys nobody read as unknown.
/// </summary>
internal sealed class TableReader(TomlTable table, string path, ConfigErrors errors)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Path => path;

    public ConfigErrors Errors => errors;

    public string PathOf(string key) => ConfigPaths.Child(path, key);

    public bool Has(string key)
    {
        _read.Add(key);
        return table.ContainsKey(key);
    }

    public bool Bool(string key, bool fallback) => Raw(key, v => v is bool, "a boolean (true or false)") is bool b ? b : fallback;

    public long Integer(string key, long fallback, long min, long max) =>
        Raw(key, v => v is long, "an integer") is long value ? Bounded(key, value, min, max) ?? fallback : fallback;

    public long? OptionalInteger(string key, long min, long max) =>
        Raw(key, v => v is long, "an integer") is long value ? Bounded(key, value, min, max) : null;

    public string? String(string key) => Raw(key, v => v is string, "a string") as string;

    public IReadOnlyList<string> Strings(string key)
    {
        if (!Has(key))
        {
            return [];
        }

        if (table[key] is not TomlArray array)
        {
            errors.Add(PathOf(key), $"expected an array of strings, got {Describe(table[key])}");
            return [];
        }

        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is string text)
            {
                result.Add(text);
            }
            else
            {
                errors.Add($"{PathOf(key)}[{i}]", $"expected a string, got {Describe(array[i])}");
            }
        }

        return result;
    }

    /// <summary>The raw items of an array, for values that may mix strings and lists.</summary>
    public IReadOnlyList<object?> Items(string key)
    {
        if (!Has(key))
        {
            return [];
        }

        if (table[key] is TomlArray array)
        {
            return [.. array];
        }

        errors.Add(PathOf(key), $"expected an array, got {Describe(table[key])}");
        return [];
    }

    public TableReader? Table(string key)
    {
        if (!Has(key))
        {
            return null;
        }

        if (table[key] is TomlTable child)
        {
            return new TableReader(child, PathOf(key), errors);
        }

        errors.Add(PathOf(key), $"expected a table, got {Describe(table[key])}");
        return null;
    }

    /// <summary>An array of tables, written as [[key]] entries or as an inline array of tables.</summary>
    public IReadOnlyList<TableReader> Tables(string key)
    {
        if (!Has(key))
        {
            return [];
        }

        IList<object?>? items = table[key] switch
        {
            TomlTableArray tables => [.. tables],
            TomlArray array => [.. array],
            _ => null,
        };
        if (items is null)
        {
            errors.Add(PathOf(key), $"expected an array of tables, got {Describe(table[key])}");
            return [];
        }

        var result = new List<TableReader>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{PathOf(key)}[{i}]");
            if (items[i] is TomlTable item)
            {
                result.Add(new TableReader(item, itemPath, errors));
            }
            else
            {
                errors.Add(itemPath, $"expected a table, got {Describe(items[i])}");
            }
        }

        return result;
    }

    /// <summary>Every entry of a map-like table (keys chosen by the user); all count as read.</summary>
    public IEnumerable<(string Key, object? Value, string Path)> Entries()
    {
        foreach (var (key, value) in table)
        {
            _read.Add(key);
            yield return (key, value, PathOf(key));
        }
    }

    public void Error(string key, string message) => errors.Add(PathOf(key), message);

    /// <summary>Reports the keys of this table that were never read: unknown keys are errors.</summary>
    public void Finish()
    {
        foreach (var key in table.Keys)
        {
            if (!_read.Contains(key))
            {
                var hint = ConfigPaths.Suggest(key, _read);
                errors.Add(PathOf(key), hint is null
                    ? $"unknown key (known here: {string.Join(", ", _read.Order(StringComparer.Ordinal))})"
                    : $"unknown key (did you mean \"{hint}\"?)");
            }
        }
    }

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"a string \"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        long l => string.Create(CultureInfo.InvariantCulture, $"an integer {l}"),
        double d => string.Create(CultureInfo.InvariantCulture, $"a number {d}"),
        bool b => b ? "true" : "false",
        TomlTable => "a table",
        TomlArray or TomlTableArray => "an array",
        _ => "a date or time",
    };

    // The value when present and of the expected type; an error when present and not.
    private object? Raw(string key, Func<object, bool> accepts, string expected)
    {
        if (!Has(key))
        {
            return null;
        }

        var value = table[key];
        if (value is not null && accepts(value))
        {
            return value;
        }

        errors.Add(PathOf(key), $"expected {expected}, got {Describe(value)}");
        return null;
    }

    private long? Bounded(string key, long v, long min, long max)
    {
        if (v < min || v > max)
        {
            errors.Add(PathOf(key), string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, got {v}"));
            return null;
        }

        return v;
    }
}
