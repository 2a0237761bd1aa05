namespace Responder.Core.Ingest;

/// <summary>Why a record is not an alert the responder acts on: the <c>code</c> of a rejection in the report.</summary>
public enum RejectCode
{
    Malformed,
    NotAnAlert,
    Invalid,
    Untrusted,
    TooLarge,
    Duplicate,
}
