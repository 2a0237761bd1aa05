namespace Responder.Harness.Kubernetes;

/// <summary>
/// The random-looking suffixes controllers give what they create (web-5d8f9c7b6-x2k4q), made from a
/// seed so that a fixture names its pods the same way on every run.
/// </summary>
internal static class StableNames
{
    // The alphabet of Kubernetes' rand.String: no vowels, no look-alike digits.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Suffix(string seed, int length)
    {
        var hash = 2166136261u;
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            foreach (var c in $"{seed}/{i}")
            {
                hash = unchecked((hash ^ c) * 16777619u);
            }

            chars[i] = Alphabet[(int)(hash % (uint)Alphabet.Length)];
        }

        return new string(chars);
    }
}
