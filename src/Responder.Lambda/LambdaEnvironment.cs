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
    public static LambdaEnvironment FromProcess()
    {
        var variables = (Func<string, string?>)Environment.GetEnvironmentVariable;
        return new LambdaEnvironment(
            variables("AWS_LAMBDA_RUNTIME_API") ?? "127.0.0.1:9001",
            variables("_HANDLER") ?? string.Empty,
            variables("AWS_LAMBDA_FUNCTION_NAME") ?? "falco-responder",
            int.TryParse(variables("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), out var memory) && memory > 0 ? memory : null,
            variables("RESPONDER_CONFIG") is { Length: > 0 } path ? path : null,
            Path.Combine(AppContext.BaseDirectory, "responder.toml"),
            variables);
    }
}
