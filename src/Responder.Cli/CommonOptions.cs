using System.CommandLine;

namespace Responder.Cli;

/// <summary>Options shared by several commands, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Input() => new("--input", "-i")
    {
        Description = "File of events, one JSON document per line (a pretty-printed event file works too); '-' reads standard input.",
        DefaultValueFactory = _ => "-",
    };

    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "TOML configuration laid over the built-in defaults (default: $RESPONDER_CONFIG, else samplecfg.toml built in).",
    };
}
