namespace Responder.Lambda;

/// <summary>What Lambda tells the process through its environment (and what the template adds).</summary>
internal sealed record LambdaEnvironment(
    string RuntimeApi,
    string Handler,
    string FunctionName,
    int? MemoryMegabytes,
    string? ConfigPath,
    string DefaultConfigPath,
    Func<string, string?> Variables)
{
    private const string MemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";
    private const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    public static LambdaEnvironment FromProcess()
    {
        var variables = (Func<string, string?>)Environment.GetEnvironmentVariable;
        return new LambdaEnvironment(
            variables(RuntimeApiVariable) ?? "127.0.0.1:9001",
            variables("_HANDLER") ?? string.Empty,
            variables("AWS_LAMBDA_FUNCTION_NAME") ?? "falco-responder",
            int.TryParse(variables(MemorySize), out var memory) && memory > 0 ? memory : null,
            variables("RESPONDER_CONFIG") is { Length: > 0 } path ? path : null,
            Path.Combine(AppContext.BaseDirectory, "responder.toml"),
            variables);
    }

    /// <summary>Why the Runtime API address cannot be used (nothing can then be reported to Lambda), or null.</summary>
    public string? RuntimeApiProblem() =>
        Uri.TryCreate($"http://{RuntimeApi}/", UriKind.Absolute, out var uri) && uri.AbsolutePath == "/" && uri.Host.Length > 0
            ? null
            : $"{RuntimeApiVariable} is {Quote(RuntimeApi)}, not host:port";

    /// <summary>Why the memory size Lambda gives cannot be used, or null (absent outside Lambda, which is fine).</summary>
    public string? MemoryProblem() =>
        Variables(MemorySize) is { Length: > 0 } text && MemoryMegabytes is null
            ? $"{MemorySize} is {Quote(text)}, not a number of megabytes: the heap limit cannot be set"
            : null;

    private static string Quote(string text) => $"\"{(text.Length > 80 ? text[..80] + "…" : text).ReplaceLineEndings(" ")}\"";
}
