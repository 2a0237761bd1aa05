namespace Responder.Core.Policy;

/// <summary>What an action acts on.</summary>
public enum ActionTarget
{
    Pod,
    Node,

    /// <summary>The notification topic: not a cluster object.</summary>
    Topic,

    /// <summary>A Security Hub finding: not a cluster object either.</summary>
    Finding,
}
