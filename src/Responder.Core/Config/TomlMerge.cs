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
            merged[key] = merged.TryGetValue(key, out var existing) && existing is TomlTable baseTable && value is TomlTable userTable
                ? Over(baseTable, userTable)
                : value;
        }

        return merged;
    }
}
