namespace Responder.Core.Ingest;

/// <summary>Why a record is not an alert the responder acts on (DESIGN.md §9).</summary>
public enum RejectCode
{
    Malformed,
    NotAnAlert,
    Invalid,
    Untrusted,
    TooLarge,
    Duplicate,
}
