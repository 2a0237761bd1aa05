using System.Text.Json.Nodes;

namespace Responder.Harness.Kubernetes;

/// <summary>The verbs on collections and objects, with the status codes the real server gives them.</summary>
internal sealed class ResourceApi(ObjectStore store, LogApi logs)
{
    public ApiReply Handle(ApiCall call)
    {
        var target = call.Target;
        return (call.Method, target.Name, target.Subresource) switch
        {
            ("GET", null, _) when IsTrue(call.Query("watch")) => throw ApiStatusException.BadRequest("the fake API server does not serve watches"),
            ("GET", null, _) => List(call),
            ("POST", null, _) when target.Namespace is not null || !target.Type.Namespaced => Create(call),
            ("GET", not null, null) => new(200, store.Read(target.Type, target.Namespace, target.Name) ?? throw ApiStatusException.NotFound(target.Type, target.Name)),
            ("PUT", not null, null) => Replace(call),
            ("PATCH", not null, null) => new(200, PatchApi.Apply(store, call)),
            ("DELETE", not null, null) => Delete(call, DeleteOptionsReader.Read(call, call.Json(), "delete")),
            ("POST", not null, "eviction") when target.Type == ResourceType.Pods => Evict(call),
            ("GET", not null, "log") when target.Type == ResourceType.Pods => logs.Read(call),
            (_, not null, not null and not "eviction" and not "log") => throw ApiStatusException.UnknownPath(),
            _ => throw ApiStatusException.MethodNotAllowed(call.Method),
        };
    }

    private ApiReply List(ApiCall call)
    {
        var type = call.Target.Type;
        var labels = LabelSelector.Parse(call.Query("labelSelector"));
        var fields = FieldSelector.Parse(type, call.Query("fieldSelector"));
        var items = new JsonArray();
        foreach (var item in store.List(type, call.Target.Namespace).Where(o => labels(JsonPaths.StringMap(o, "metadata", "labels")) && fields(o)))
        {
            // Items of a list come without their own kind and apiVersion, as the server sends them.
            item.Remove("kind");
            item.Remove("apiVersion");
            items.Add(item);
        }

        return new(200, new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = store.ResourceVersion },
            ["items"] = items,
        });
    }

    private ApiReply Create(ApiCall call)
    {
        call.RequireJsonBody();
        var body = call.Object();
        var type = call.Target.Type;
        CheckKind(body, type);
        var ns = JsonPaths.String(body, "metadata", "namespace");
        if (ns is not null && ns != call.Target.Namespace)
        {
            throw ApiStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (JsonPaths.String(body, "metadata", "resourceVersion") is not null)
        {
            throw ApiStatusException.BadRequest("resourceVersion should not be set on objects to be created");
        }

        return new(201, store.Create(type, call.Target.Namespace, body, call.DryRun));
    }

    private ApiReply Replace(ApiCall call)
    {
        call.RequireJsonBody();
        var body = call.Object();
        var target = call.Target;
        CheckKind(body, target.Type);
        if (JsonPaths.String(body, "metadata", "name") is { } name && name != target.Name)
        {
            throw ApiStatusException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({target.Name})");
        }

        return new(200, store.Update(target.Type, target.Namespace, target.Name!, _ => body, call.DryRun));
    }

    private ApiReply Delete(ApiCall call, DeleteRequest request)
    {
        var target = call.Target;
        var deleted = store.Delete(target.Type, target.Namespace, target.Name!, request);
        return target.Type.ReturnsDeletedObject
            ? new(200, deleted)
            : new(200, StatusBody.Success(200, StatusBody.Details(target.Type, target.Name!, JsonPaths.String(deleted, "metadata", "uid"))));
    }

    private ApiReply Evict(ApiCall call)
    {
        call.RequireJsonBody();
        var eviction = call.Object();
        if (JsonPaths.String(eviction, "kind") is { } kind && kind != "Eviction")
        {
            throw ApiStatusException.BadRequest($"expected an Eviction, got a {kind}");
        }

        if (JsonPaths.String(eviction, "metadata", "name") is { } name && name != call.Target.Name)
        {
            throw ApiStatusException.BadRequest("name in URL does not match name in Eviction object");
        }

        var request = DeleteOptionsReader.Read(call, JsonPaths.At(eviction, "deleteOptions"), "eviction");
        store.Delete(call.Target.Type, call.Target.Namespace, call.Target.Name!, request);
        return new(201, StatusBody.Success(201));
    }

    private static void CheckKind(JsonObject body, ResourceType type)
    {
        if (JsonPaths.String(body, "kind") is { } kind && kind != type.Kind)
        {
            throw ApiStatusException.BadRequest($"the kind of the object ({kind}) does not match the path ({type.Kind})");
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1";
}
