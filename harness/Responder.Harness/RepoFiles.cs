namespace Responder.Harness;

/// <summary>Files of the repository (events/, README.md, docs/, template.yaml, tests/servers, ...), found from the running program's output directory (a test's or a benchmark's).</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Responder.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Responder.sln not found above the output directory");
    }
}
