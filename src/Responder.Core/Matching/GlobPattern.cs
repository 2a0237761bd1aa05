namespace Responder.Core.Matching;

/// <summary>
/// An exact text or a glob with <c>*</c> (any run) and <c>?</c> (one character), compared ordinally.
/// Matching takes at most pattern × text steps whatever the input: text comes from attackers.
/// </summary>
public sealed class GlobPattern
{
    public GlobPattern(string pattern)
    {
        Pattern = pattern;
        IsExact = pattern.AsSpan().IndexOfAny('*', '?') < 0;
    }

    public string Pattern { get; }

    public bool IsExact { get; }

    /// <summary>How specific the pattern is: its count of literal characters.</summary>
    public int Specificity => Pattern.Length - Pattern.Count(c => c is '*' or '?');

    public bool Matches(ReadOnlySpan<char> text) => IsExact ? text.SequenceEqual(Pattern) : Glob(Pattern, text);

    public override string ToString() => Pattern;

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
