using System.Text.Json.Nodes;
using Responder.Harness;
using Responder.TestSupport;

namespace Responder.Lambda.Tests;

/// <summary>
/// The published bootstrap behind a Kinesis event source mapping, with a small input budget: the records that do
/// not fit after others are handed back by sequence number, so they are retried, not lost, and the invocation
/// still succeeds; what one record holds past the budget is reported too-large and never retried.
/// </summary>
[Collection(BootstrapCollection.Name)]
public sealed class KinesisBudgetTests(PublishedBootstrap bootstrap) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("responder-budget-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Invoke_RecordsPastTheBudget_AreHandedBackForARetry()
    {
        var config = Path.Combine(_directory, "responder.toml");
        await File.WriteAllTextAsync(config, "[limits]\nmax_document_records = 3\n");
        await using var run = await LambdaRun.StartAsync(bootstrap, "respond", new() { ["RESPONDER_CONFIG"] = config });
        var delivery = Envelopes.Kinesis([Alert(1), Alert(2)], [Alert(3), Alert(4)], [Alert(5)]);
        var sequences = JsonNode.Parse(delivery)!["Records"]!.AsArray().Select(r => r!["kinesis"]!["sequenceNumber"]!.GetValue<string>()).ToList();

        var reply = await run.InvokeAsync(delivery);

        Assert.False(reply.IsError, reply.Text);
        Assert.Equal($"{{\"batchItemFailures\":[{{\"itemIdentifier\":\"{sequences[1]}\"}},{{\"itemIdentifier\":\"{sequences[2]}\"}}]}}", reply.Text);
        var logged = await run.LogAsync("batch.items-failed", reply.RequestId);
        Assert.StartsWith("records left undecoded by the invocation's input budget; Kinesis records to retry: ", logged["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var rejected = await run.LogAsync("record.rejected", reply.RequestId);
        Assert.Equal("too-large", rejected["code"]!.GetValue<string>());
    }

    private static string Alert(int n)
    {
        var alert = Fixtures.AlertNode("terminal-shell");
        alert["output_fields"]!["proc.cmdline"] = $"bash -c {n}";
        alert["output"] = $"13:44:05.478445995: Notice A shell was spawned (command=bash -c {n})";
        return alert.ToJsonString();
    }
}
