namespace Responder.Core.Policy;

/// <summary>An OR of AND-groups, as Falco Talon writes tags and output_fields: <c>["a, b", "c"]</c> is (a and b) or c.</summary>
public sealed record AnyOf<T>(IReadOnlyList<IReadOnlyList<T>> Groups)
{
    public static readonly AnyOf<T> Always = new([]);

    public bool IsAlways => Groups.Count == 0;

    public bool Matches<TState>(TState state, Func<T, TState, bool> test)
    {
        if (IsAlways)
        {
            return true;
        }

        // Index loops: a foreach over the interface would allocate an enumerator per alert.
        for (var g = 0; g < Groups.Count; g++)
        {
            var group = Groups[g];
            var all = true;
            for (var i = 0; i < group.Count; i++)
            {
                if (!test(group[i], state))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
