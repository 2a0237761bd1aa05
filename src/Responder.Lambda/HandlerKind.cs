using Responder.Core.Policy;

namespace Responder.Lambda;

/// <summary>The handlers of the one bootstrap binary, chosen by the template's Handler (<c>_HANDLER</c>).</summary>
internal static class HandlerKind
{
    public static readonly IReadOnlyDictionary<string, ActionScope> Scopes = new Dictionary<string, ActionScope>(StringComparer.Ordinal)
    {
        ["respond"] = ActionScope.All,
        ["notify"] = ActionScope.NotifyOnly,
        ["contain"] = ActionScope.Containment,
    };

    public static string ValidNames => string.Join(", ", Scopes.Keys);
}
