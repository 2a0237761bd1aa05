namespace Responder.Harness.Kubernetes;

/// <summary>A JSON patch that cannot be applied to the object it was sent for (the server answers 422).</summary>
internal sealed class JsonPatchException(string message) : Exception(message);
