using Responder.Core.Config;
using Responder.Harness;

namespace Responder.Core.Tests.Config;

public sealed class StateConfigTests
{
    [Fact]
    public void Load_Default_IsTheDocumentedState()
    {
        var state = TestConfig.Default().State;

        Assert.Null(state.Table);
        Assert.Equal(TimeSpan.FromMinutes(5), state.DedupeWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), state.ClaimLease);
        Assert.Equal(TimeSpan.FromHours(6), state.OutcomeTtl);
        Assert.Equal(TimeSpan.FromHours(1), state.LimitWindow);
        Assert.Equal((20, 3), (state.MaxDeletes, state.MaxCordons));
    }

    [Fact]
    public void Load_TableFromTheEnvironment_OverridesTheFile()
    {
        var result = TestConfig.Load("[state]\ntable = \"from-file\"", new Dictionary<string, string> { ["RESPONDER_STATE_TABLE"] = "falco-responder-state" });

        Assert.Empty(result.Errors);
        Assert.Equal("falco-responder-state", result.Config!.State.Table);
    }

    [Fact]
    public void Load_BadTableInTheEnvironment_IsAnErrorNamingTheVariable()
    {
        var error = Assert.Single(TestConfig.Load(null, new Dictionary<string, string> { ["RESPONDER_STATE_TABLE"] = "no/such" }).Errors);

        Assert.Equal(("RESPONDER_STATE_TABLE", "\"no/such\" is not a DynamoDB table name"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_SeveralBadStateSettings_ListsEveryErrorWithItsPath()
    {
        var errors = TestConfig.Load("[state]\ntable = \"x\"\ndedupe_window_seconds = -1\nmax_deletes = \"ten\"\nclaim_lease_seconds = 2").Errors;

        Assert.Equal(
            [
                ("state.claim_lease_seconds", "must be between 5 and 3600, got 2"),
                ("state.dedupe_window_seconds", "must be between 0 and 86400, got -1"),
                ("state.max_deletes", "expected an integer, got a string \"ten\""),
                ("state.table", "\"x\" is not a DynamoDB table name (3 to 255 letters, digits, '_', '-' and '.')"),
            ],
            errors.Select(e => (e.Path, e.Message)).Order());
    }

    [Fact]
    public void Load_OutcomesKeptNoLongerThanTheLease_IsAnError()
    {
        var error = Assert.Single(TestConfig.Load("[state]\nclaim_lease_seconds = 900\noutcome_ttl_seconds = 600").Errors);

        Assert.Equal(("state.outcome_ttl_seconds", "must be longer than claim_lease_seconds (900)"), (error.Path, error.Message));
    }
}
