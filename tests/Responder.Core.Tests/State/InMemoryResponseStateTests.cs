using Microsoft.Extensions.Time.Testing;
using Responder.Core.State;

namespace Responder.Core.Tests.State;

public sealed class InMemoryResponseStateTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Keep = TimeSpan.FromHours(6);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryResponseState _state;

    public InMemoryResponseStateTests() => _state = new InMemoryResponseState(_clock);

    private async Task<Admission> AdmitOneAsync(string key, string record, int count = 1) =>
        (await _state.AdmitAsync([new Sighting(key, record, count)], Window, CancellationToken.None))[0];

    private async Task<Claim> ClaimOneAsync(string key, string record) =>
        (await _state.ClaimAsync([new ClaimRequest(key, record)], Lease, Keep, CancellationToken.None))[0];

    [Fact]
    public async Task Admit_FirstThenRepeat_TheRepeatIsCountedOnTheFirst()
    {
        Assert.Equal(new Admission(true, "r1", 2), await AdmitOneAsync("k", "r1", count: 2));
        Assert.Equal(new Admission(false, "r1", 3), await AdmitOneAsync("k", "r2"));
        Assert.Equal(new Admission(true, "r1", 3), await AdmitOneAsync("k", "r1"));
    }

    [Fact]
    public async Task Admit_AfterTheWindow_IsFirstAgain()
    {
        await AdmitOneAsync("k", "r1");
        _clock.Advance(Window - TimeSpan.FromSeconds(1));
        Assert.False((await AdmitOneAsync("k", "r2")).Admitted);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new Admission(true, "r3", 1), await AdmitOneAsync("k", "r3"));
    }

    [Fact]
    public async Task Claim_HeldUntilTheLease_ThenTakenOver()
    {
        Assert.Equal(ClaimState.Acquired, (await ClaimOneAsync("a", "r1")).State);
        var held = await ClaimOneAsync("a", "r2");
        _clock.Advance(Lease);

        Assert.Equal(new Claim(ClaimState.Held, Until: _clock.GetUtcNow(), Holder: "r1"), held);
        Assert.Equal(ClaimState.Acquired, (await ClaimOneAsync("a", "r2")).State);
    }

    [Fact]
    public async Task Claim_AfterSuccess_IsDone_AfterFailure_IsFreeAtOnce()
    {
        await ClaimOneAsync("ok", "r1");
        await ClaimOneAsync("bad", "r1");
        await _state.RecordAsync([new ClaimOutcome("ok", "r1", true, "gone"), new ClaimOutcome("bad", "r1", false, "api-error: 503")], Keep, CancellationToken.None);

        Assert.Equal(new Claim(ClaimState.Done, "gone"), await ClaimOneAsync("ok", "r2"));
        Assert.Equal(ClaimState.Acquired, (await ClaimOneAsync("bad", "r2")).State);
        _clock.Advance(Keep);
        Assert.Equal(ClaimState.Acquired, (await ClaimOneAsync("ok", "r3")).State);
    }

    [Fact]
    public async Task Take_UpToTheMaximum_OpensOnce_ThenResetsWithTheWindow()
    {
        var limit = new LimitRequest("c#deletes", 3, Max: 4, TimeSpan.FromHours(1));
        _clock.Advance(TimeSpan.FromMinutes(30));

        var first = await _state.TakeAsync(limit, CancellationToken.None);
        var second = await _state.TakeAsync(limit, CancellationToken.None);
        var third = await _state.TakeAsync(limit, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(30));
        var next = await _state.TakeAsync(limit, CancellationToken.None);

        var end = new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);
        Assert.Equal(new LimitGrant(3, false, end), first);
        Assert.Equal(new LimitGrant(1, true, end), second);
        Assert.Equal(new LimitGrant(0, false, end), third);
        Assert.Equal(new LimitGrant(3, false, end.AddHours(1)), next);
    }

    [Fact]
    public async Task Admit_ManyKeysOverManyWindows_ExpiredOnesAreForgottenAndLiveOnesKept()
    {
        for (var round = 0; round < 10; round++)
        {
            await _state.AdmitAsync([.. Enumerable.Range(0, 1000).Select(i => new Sighting($"k{round}-{i}", "r", 1))], Window, CancellationToken.None);
            _clock.Advance(Window);
        }

        await _state.AdmitAsync([new Sighting("live", "r1", 1)], Window, CancellationToken.None);

        Assert.True(_state.Count < 6000, $"{_state.Count} items kept");
        Assert.False((await AdmitOneAsync("live", "r2")).Admitted);
    }
}
