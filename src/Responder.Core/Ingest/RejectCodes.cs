namespace Responder.Core.Ingest;

public static class RejectCodes
{
    /// <summary>The code as written in reports and metrics.</summary>
    public static string ToWire(this RejectCode code) => code switch
    {
        RejectCode.Malformed => "malformed",
        RejectCode.NotAnAlert => "not-an-alert",
        RejectCode.Invalid => "invalid",
        RejectCode.Untrusted => "untrusted",
        RejectCode.TooLarge => "too-large",
        RejectCode.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
