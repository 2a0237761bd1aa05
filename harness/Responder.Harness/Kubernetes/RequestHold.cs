namespace Responder.Harness.Kubernetes;

/// <summary>
/// Holds the fake's requests (those it is given, or all) as they arrive, recorded and not yet answered, until it is released: by <see cref="Release"/>,
/// or by itself once <c>releaseAt</c> requests wait together. A test sees what is in flight by what waits here, not by
/// how long things take; the hold gives up after a minute so that a client that never sends enough cannot hang a test.
/// </summary>
public sealed class RequestHold
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(int Count, TaskCompletionSource Reached)> _watchers = [];
    private readonly Func<RecordedRequest, bool>? _which;
    private readonly int _releaseAt;
    private int _waiting;

    internal RequestHold(Func<RecordedRequest, bool>? which, int releaseAt)
    {
        _which = which;
        _releaseAt = releaseAt;
    }

    /// <summary>Requests waiting here now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting;
            }
        }
    }

    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Completes once <paramref name="count"/> requests wait here together.</summary>
    public Task WaitingAsync(int count)
    {
        lock (_gate)
        {
            if (_waiting >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>Lets every waiting request, and every later one, through.</summary>
    public void Release() => _released.TrySetResult();

    internal bool Holds(RecordedRequest request) => !IsReleased && (_which is null || _which(request));

    internal async Task PassAsync(CancellationToken aborted)
    {
        lock (_gate)
        {
            _waiting++;
            foreach (var (_, reached) in _watchers.Where(w => w.Count <= _waiting))
            {
                reached.TrySetResult();
            }

            _watchers.RemoveAll(w => w.Count <= _waiting);
            if (_waiting >= _releaseAt)
            {
                Release();
            }
        }

        try
        {
            await _released.Task.WaitAsync(GiveUpAfter, aborted).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Release();
        }
        finally
        {
            lock (_gate)
            {
                _waiting--;
            }
        }
    }
}
