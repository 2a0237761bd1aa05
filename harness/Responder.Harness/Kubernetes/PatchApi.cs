using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>PATCH in the three formats the server accepts from a client that does not use server-side apply.</summary>
internal static class PatchApi
{
    private const string Accepted = "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json";

    public static JsonObject Apply(ObjectStore store, ApiCall call)
    {
        var target = call.Target;
        Func<JsonNode?, JsonNode?, JsonNode?> apply = call.Request.MediaType switch
        {
            "application/merge-patch+json" or "application/strategic-merge-patch+json" => MergePatch.Apply,
            "application/json-patch+json" => JsonPatch.Apply,
            _ => throw ApiStatusException.UnsupportedMediaType(call.Request.ContentType ?? "none", Accepted),
        };
        var patch = call.Json() ?? throw ApiStatusException.BadRequest("the patch body is empty");
        if (call.Request.MediaType != "application/json-patch+json" && patch is not JsonObject)
        {
            throw ApiStatusException.BadRequest("a merge patch must be a JSON object");
        }

        return store.Update(target.Type, target.Namespace, target.Name!, current =>
        {
            try
            {
                return apply(current, patch) as JsonObject
                    ?? throw ApiStatusException.PatchNotApplicable("the patched document is not an object");
            }
            catch (JsonPatchException ex)
            {
                throw ApiStatusException.PatchNotApplicable(ex.Message);
            }
            catch (FormatException ex)
            {
                throw ApiStatusException.BadRequest(ex.Message);
            }
        }, call.DryRun);
    }
}
