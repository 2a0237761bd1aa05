namespace Responder.Core.State;

/// <summary>A blast-radius limit reached: actions past it are skipped until <see cref="Until"/>.</summary>
/// <param name="Limit">"deletes", "cordons" or "snapshots".</param>
/// <param name="Actions">The actions the limit counts, for the message.</param>
/// <param name="Refused">Actions of this batch skipped by it.</param>
public sealed record CircuitOpen(string Limit, string Actions, int Max, TimeSpan Window, string Cluster, DateTimeOffset Until, int Refused)
{
    public string Describe() =>
        $"{Max} {Limit} ({Actions}) per {StateText.Duration(Window)} reached on cluster {Cluster}; further ones are skipped until {Until:yyyy-MM-ddTHH:mm:ssZ}";
}
