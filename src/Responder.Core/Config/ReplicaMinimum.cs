namespace Responder.Core.Config;

/// <summary>A count of replicas, or a percentage of the desired replicas (rounded up, as Kubernetes rounds minAvailable).</summary>
public readonly record struct ReplicaMinimum(int Value, bool IsPercentage)
{
    public int Of(int desired) => IsPercentage ? (int)Math.Ceiling(desired * Value / 100.0) : Value;

    public override string ToString() => IsPercentage ? $"{Value}%" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out ReplicaMinimum minimum)
    {
        minimum = default;
        var span = text.AsSpan().Trim();
        var percentage = span.EndsWith("%");
        if (!int.TryParse(percentage ? span[..^1] : span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || (percentage && value > 100))
        {
            return false;
        }

        minimum = new ReplicaMinimum(value, percentage);
        return true;
    }
}
