using Tomlyn.Model;

namespace Responder.Core.Config;

/// <summary>Lays a user's table over the defaults: tables merge key by key, everything else (arrays included) replaces.</summary>
internal static class TomlMerge
{
    public static TomlTable Over(TomlTable defaults, TomlTable user)
    {
        var merged = new TomlTable();
        foreach (var (key, value) in defaults)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in user)
        {
            if (merged.TryGetValue(key, out var existing) && existing is TomlTable baseTable && value is TomlTable userTable)
            {
                merged[key] = Over(baseTable, userTable);
                continue;
            }

            // Tag boosts are case-insensitive: the user's "t1611 = 0" replaces the default "T1611".
            if (!merged.ContainsKey(key) && value is not TomlTable
                && merged.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is { } variant
                && merged[variant] is not TomlTable)
            {
                merged.Remove(variant);
            }

            merged[key] = value;
        }

        return merged;
    }
}
