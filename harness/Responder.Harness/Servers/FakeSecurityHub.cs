using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Responder.Harness.Servers;

/// <summary>
/// Security Hub's BatchImportFindings (POST /findings/import) and BatchUpdateFindings (PATCH /findings/batchupdate)
/// over real HTTP on 127.0.0.1, for what moto does not do: it checks every finding against ASFF's required fields and
/// limits and refuses, per finding, what Security Hub would refuse; it answers with scripted call failures in order and
/// refuses the finding ids it is told to; and it keeps BatchUpdateFindings' notes. Every request is recorded.
/// </summary>
public sealed class FakeSecurityHub : IAsyncDisposable
{
    private static readonly string[] Namespaces = ["Software and Configuration Checks", "TTPs", "Effects", "Unusual Behaviors", "Sensitive Data Identifications"];
    private static readonly string[] Labels = ["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"];
    private static readonly string[] Required = ["SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string Code, string Message)> _faults = new();

    private FakeSecurityHub(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The findings as last imported, by id.</summary>
    public ConcurrentDictionary<string, JsonObject> Findings { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times each finding id was imported.</summary>
    public ConcurrentDictionary<string, int> Imports { get; } = new(StringComparer.Ordinal);

    /// <summary>Each BatchUpdateFindings body, in order.</summary>
    public ConcurrentQueue<JsonObject> Updates { get; } = new();

    /// <summary>Each request: method, path, the finding count of an import, and the Authorization header.</summary>
    public ConcurrentQueue<(string Method, string Path, int Findings, string? Authorization)> Requests { get; } = new();

    /// <summary>Finding ids refused with this error code whenever they are imported.</summary>
    public ConcurrentDictionary<string, string> Refuse { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeSecurityHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var hub = new FakeSecurityHub(app);
        app.MapPost("/findings/import", hub.ImportAsync);
        app.MapMethods("/findings/batchupdate", ["PATCH"], hub.UpdateAsync);
        await app.StartAsync().ConfigureAwait(false);
        hub.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return hub;
    }

    /// <summary>The next calls fail with these, in order; then calls are answered.</summary>
    public void FailNext(params (int Status, string Code, string Message)[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>What Security Hub would refuse in one finding, or null: the required fields and ASFF's limits.</summary>
    public static string? Problem(JsonObject finding)
    {
        foreach (var name in Required)
        {
            if (finding[name] is null || (finding[name] is JsonValue value && string.IsNullOrWhiteSpace(value.GetValue<string>())))
            {
                return $"{name} is required";
            }
        }

        string Text(string name) => finding[name]!.GetValue<string>();
        var types = finding["Types"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        var resources = finding["Resources"]!.AsArray();
        var fields = finding["ProductFields"]?.AsObject() ?? [];
        return Text("SchemaVersion") != "2018-10-08" ? "SchemaVersion must be 2018-10-08"
            : Text("Id").Length > 512 ? "Id is longer than 512"
            : Text("GeneratorId").Length > 512 ? "GeneratorId is longer than 512"
            : Text("AwsAccountId").Length != 12 ? "AwsAccountId must be 12 digits"
            : Text("Title").Length > 256 ? "Title is longer than 256"
            : Text("Description").Length > 1024 ? "Description is longer than 1024"
            : types.Count is 0 or > 50 ? "Types must have 1 to 50 entries"
            : types.FirstOrDefault(t => !Namespaces.Contains(t.Split('/')[0]) || t.Split('/').Length > 3) is { } type ? $"Types: {type} is not namespace/category/classifier"
            : !Labels.Contains(finding["Severity"]?["Label"]?.GetValue<string>()) ? "Severity.Label is not a label"
            : !DateTimeOffset.TryParse(Text("CreatedAt"), out var created) || !DateTimeOffset.TryParse(Text("UpdatedAt"), out var updated) ? "CreatedAt and UpdatedAt must be timestamps"
            : updated < created ? "UpdatedAt is before CreatedAt"
            : resources.Count is 0 or > 32 ? "Resources must have 1 to 32 entries"
            : resources.Any(r => string.IsNullOrWhiteSpace(r?["Type"]?.GetValue<string>()) || string.IsNullOrWhiteSpace(r?["Id"]?.GetValue<string>())) ? "a resource needs Type and Id"
            : fields.Count > 50 ? "ProductFields has more than 50 entries"
            : fields.Any(f => f.Key.Length > 128 || f.Value!.GetValue<string>().Length > 2048) ? "a ProductFields entry is too long"
            : finding["Note"]?["Text"]?.GetValue<string>() is { Length: > 512 } ? "Note.Text is longer than 512"
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ImportAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        var findings = body[nameof(Findings)]!.AsArray();
        Requests.Enqueue(("POST", "/findings/import", findings.Count, context.Request.Headers.Authorization.FirstOrDefault()));
        if (await FaultAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (findings.Count > 100)
        {
            await ReplyAsync(context, 400, new JsonObject { ["__type"] = "InvalidInputException", ["message"] = "at most 100 findings" }).ConfigureAwait(false);
            return;
        }

        var failed = new JsonArray();
        foreach (var finding in findings.Select(f => f!.AsObject()))
        {
            var id = finding["Id"]?.GetValue<string>() ?? string.Empty;
            var problem = Refuse.TryGetValue(id, out var code) ? (code, "refused (scripted)") : Problem(finding) is { } text ? ("InvalidInput", text) : default;
            if (problem != default)
            {
                failed.Add(new JsonObject { ["Id"] = id, ["ErrorCode"] = problem.Item1, ["ErrorMessage"] = problem.Item2 });
                continue;
            }

            Findings[id] = (JsonObject)finding.DeepClone();
            Imports.AddOrUpdate(id, 1, (_, n) => n + 1);
        }

        await ReplyAsync(context, 200, new JsonObject { ["FailedCount"] = failed.Count, ["SuccessCount"] = findings.Count - failed.Count, ["FailedFindings"] = failed }).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false))!.AsObject();
        Requests.Enqueue(("PATCH", "/findings/batchupdate", body["FindingIdentifiers"]!.AsArray().Count, context.Request.Headers.Authorization.FirstOrDefault()));
        if (await FaultAsync(context).ConfigureAwait(false))
        {
            return;
        }

        Updates.Enqueue(body);
        var processed = new JsonArray();
        var unprocessed = new JsonArray();
        foreach (var identifier in body["FindingIdentifiers"]!.AsArray())
        {
            var id = identifier!["Id"]!.GetValue<string>();
            if (Findings.ContainsKey(id))
            {
                processed.Add(identifier.DeepClone());
            }
            else
            {
                unprocessed.Add(new JsonObject { ["FindingIdentifier"] = identifier.DeepClone(), ["ErrorCode"] = "FindingNotFound", ["ErrorMessage"] = "no such finding" });
            }
        }

        await ReplyAsync(context, 200, new JsonObject { ["ProcessedFindings"] = processed, ["UnprocessedFindings"] = unprocessed }).ConfigureAwait(false);
    }

    private async Task<bool> FaultAsync(HttpContext context)
    {
        if (!_faults.TryDequeue(out var fault))
        {
            return false;
        }

        context.Response.Headers["x-amzn-ErrorType"] = fault.Code;
        await ReplyAsync(context, fault.Status, new JsonObject { ["__type"] = fault.Code, ["message"] = fault.Message }).ConfigureAwait(false);
        return true;
    }

    private static async Task ReplyAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }
}
