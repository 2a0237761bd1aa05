namespace Responder.Core.Ingest;

/// <summary>A record that did not become an alert, with a message a person can act on.</summary>
public sealed record Rejection(string Id, RejectCode Code, string Message);
