using Responder.Harness;
using Responder.Harness.Servers;

namespace Responder.Lambda.Tests;

/// <summary>The published bootstrap with a DynamoDB state table (dynalite): the Native AOT build of the DynamoDB client at work.</summary>
[Collection(BootstrapCollection.Name)]
public sealed class SharedStateTests(PublishedBootstrap bootstrap) : IAsyncLifetime
{
    private Dynalite _dynalite = null!;

    public async Task InitializeAsync() => _dynalite = await Dynalite.StartAsync();

    public async Task DisposeAsync() => await _dynalite.DisposeAsync();

    private async Task<LambdaRun> StartAsync(string table) =>
        await LambdaRun.StartAsync(bootstrap, "respond", new()
        {
            ["RESPONDER_STATE_TABLE"] = table,
            ["AWS_REGION"] = Dynalite.Region,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = "AKIDDYNALITE",
            ["AWS_SECRET_ACCESS_KEY"] = "dynalite-secret",
        });

    [Fact]
    public async Task TwoInstances_TheSameAlertInTwoDeliveries_TheSecondRejectsItAsADuplicate()
    {
        var table = await _dynalite.CreateTableAsync();
        await using var first = await StartAsync(table);
        await using var second = await StartAsync(table);

        var one = await first.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell")], firstId: 1));
        var two = await second.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell"), Fixtures.Alert("read-sensitive-file")], firstId: 10));

        Assert.False(one.IsError, one.Text);
        Assert.False(two.IsError, two.Text);
        Assert.Equal((1, 0), (one.Json["summary"]!["alerts"]!.GetValue<int>(), one.Json["summary"]!["rejected"]!.GetValue<int>()));
        Assert.Equal((1, 1), (two.Json["summary"]!["alerts"]!.GetValue<int>(), two.Json["summary"]!["rejected"]!.GetValue<int>()));
        var rejected = await second.LogAsync("record.rejected", two.RequestId);
        Assert.Equal("duplicate", rejected["code"]!.GetValue<string>());
        Assert.StartsWith($"repeat of {Envelopes.EventId(1)}, seen first by another invocation", rejected["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_TableMissing_FailsTheInvocationWithTheServicesMessage()
    {
        await using var run = await StartAsync("no-such-table");

        var reply = await run.InvokeAsync(Envelopes.CloudWatch([Fixtures.Alert("terminal-shell")]));

        Assert.True(reply.IsError);
        Assert.Contains("DynamoDB table no-such-table: ResourceNotFoundException", reply.Text, StringComparison.Ordinal);
    }
}
