using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>Unwinds a request from wherever it fails to the one place that writes the Status reply.</summary>
internal sealed class ApiStatusException(int code, string reason, string message, JsonObject? details = null)
    : Exception(message)
{
    public int Code => code;

    public JsonObject Body() => StatusBody.Failure(code, reason, Message, details?.DeepClone().AsObject());

    public static ApiStatusException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found", StatusBody.Details(type, name));

    public static ApiStatusException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", StatusBody.Details(type, name));

    public static ApiStatusException Conflict(ResourceType type, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": {why}", StatusBody.Details(type, name));

    public static ApiStatusException StaleResourceVersion(ResourceType type, string name) =>
        Conflict(type, name, "the object has been modified; please apply your changes to the latest version and try again");

    // What the server says when a JSON patch cannot be applied, a failed "test" included: a fixed
    // message, with the patch library's complaint as the one cause.
    public static ApiStatusException PatchNotApplicable(string detail) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = detail }),
        });

    public static ApiStatusException Immutable(ResourceType type, string name, string field, string value) =>
        new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {field}: Invalid value: \"{value}\": field is immutable", new JsonObject
        {
            ["name"] = name,
            ["kind"] = type.Plural,
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = $"Invalid value: \"{value}\": field is immutable", ["field"] = field }),
        });

    public static ApiStatusException DisruptionBudget(string budget) =>
        new(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "DisruptionBudget",
                ["message"] = $"The disruption budget {budget} needs 1 healthy pods and has 1 currently",
            }),
        });

    public static ApiStatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiStatusException UnsupportedMediaType(string contentType, string accepted) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format ({contentType}) - accepted media types include: {accepted}");

    public static ApiStatusException MethodNotAllowed(string method) =>
        new(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})");

    public static ApiStatusException UnknownPath() =>
        new(404, "NotFound", "the server could not find the requested resource");
}
