using Responder.Core.Alerts;

namespace Responder.Core.Policy;

/// <summary>A Falco Talon style priority test: <c>Critical</c>, <c>= Critical</c>, <c>&gt;= Warning</c>, <c>&lt; Notice</c>...</summary>
public sealed record PriorityCondition(string Operator, FalcoPriority Priority)
{
    private static readonly string[] Operators = [">=", "<=", ">", "<", "="];

    public static bool TryParse(string text, out PriorityCondition? condition)
    {
        var span = text.AsSpan().Trim();
        var op = "=";
        foreach (var candidate in Operators)
        {
            if (span.StartsWith(candidate, StringComparison.Ordinal))
            {
                op = candidate;
                span = span[candidate.Length..].TrimStart();
                break;
            }
        }

        var priority = FalcoPriorities.Parse(span);
        condition = priority == FalcoPriority.Unknown ? null : new PriorityCondition(op, priority);
        return condition is not null;
    }

    public bool Matches(FalcoPriority priority) => Operator switch
    {
        ">=" => priority >= Priority,
        "<=" => priority <= Priority,
        ">" => priority > Priority,
        "<" => priority < Priority,
        _ => priority == Priority,
    };

    public override string ToString() => $"{Operator} {Priority.ToFalcoName()}";
}
