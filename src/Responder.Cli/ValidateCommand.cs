using System.CommandLine;
using Responder.Core.Config;

namespace Responder.Cli;

/// <summary><c>responder validate</c>: every problem of a configuration at once, with its key path.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var config = CommonOptions.Config();
        var command = new Command("validate", "Check a configuration file (laid over the defaults, with the environment applied).") { config };
        command.SetAction(result => Run(result.GetValue(config), console));
        return command;
    }

    private static int Run(string? path, CliConsole console)
    {
        var result = ConfigSource.Load(path, console);
        foreach (var warning in result.Warnings)
        {
            console.Error.WriteLine($"warning: {warning}");
        }

        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                console.Error.WriteLine($"error: {error}");
            }

            console.Error.WriteLine($"{result.Errors.Count} error(s)");
            return ExitCodes.Usage;
        }

        var config = result.Config!;
        using var output = new StreamWriter(console.Output, leaveOpen: true);
        output.WriteLine($"ok: {path ?? ConfigLoader.DefaultName}");
        output.WriteLine($"  dry run: {(config.DryRun ? "on (cluster actions are planned, not carried out)" : "OFF (cluster actions are carried out)")}");
        output.WriteLine($"  policy rules: {string.Join(", ", config.Policy.Rules.Select(r => r.Name))}");
        output.WriteLine($"  protected namespaces: {string.Join(", ", config.Policy.ProtectedNamespaces)}");
        output.WriteLine($"  notifications: {config.Aws.SnsTopicArn ?? "none (no topic)"}");
        output.WriteLine($"  records without shipper metadata: {UnknownOrigin(config.Trust)}");
        return ExitCodes.Ok;
    }

    // What a record without the kubernetes block is believed on, which the allow-lists widen.
    private static string UnknownOrigin(Core.Trust.TrustOptions trust)
    {
        var also = new List<string>(2);
        if (trust.LogGroups.Count > 0)
        {
            also.Add($"log groups {string.Join(", ", trust.LogGroups)}");
        }

        if (trust.LogStreams.Count > 0)
        {
            also.Add($"log streams {string.Join(", ", trust.LogStreams)}");
        }

        return also.Count == 0
            ? "trusted only when their log stream is named after the Falco container's log file"
            : $"also trusted from {string.Join("; ", also)}";
    }
}
