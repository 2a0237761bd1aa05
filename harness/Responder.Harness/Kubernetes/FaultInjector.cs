namespace Responder.Harness.Kubernetes;

/// <summary>
/// Scripted faults: each rule hits the next N requests it matches, in the order rules were added;
/// a request that matches no live rule is served normally.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];

    /// <summary>Faults the next <paramref name="times"/> requests that <paramref name="match"/> accepts.</summary>
    public void Inject(FakeFault fault, Func<RecordedRequest, bool> match, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            _rules.Add(new Rule(fault, match, times));
        }
    }

    /// <summary>
    /// Faults the next requests with this method (null: any) whose path (without query) is
    /// <paramref name="path"/>, or starts with it when it ends in *.
    /// </summary>
    public void Inject(FakeFault fault, string? method, string path, int times = 1) =>
        Inject(fault, r => (method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) && PathMatches(path, r.Path), times);

    /// <summary>Faults still to be delivered.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FakeFault? Take(RecordedRequest request)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Match(request));
            if (rule is null)
            {
                return null;
            }

            if (--rule.Remaining == 0)
            {
                _rules.Remove(rule);
            }

            return rule.Fault;
        }
    }

    private static bool PathMatches(string pattern, string path) => pattern.EndsWith('*')
        ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
        : path == pattern;

    private sealed class Rule(FakeFault fault, Func<RecordedRequest, bool> match, int times)
    {
        public FakeFault Fault => fault;

        public Func<RecordedRequest, bool> Match => match;

        public int Remaining { get; set; } = times;
    }
}
