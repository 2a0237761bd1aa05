namespace Responder.Core.Policy;

/// <summary>Which of the policy's actions a host carries out (the Lambda handlers of one binary).</summary>
public enum ActionScope
{
    /// <summary>Every action the policy decides.</summary>
    All,

    /// <summary>Notifications only: the cluster actions are dropped, not planned.</summary>
    NotifyOnly,

    /// <summary>Cluster actions, and the notification only for alerts that have some (their outcome).</summary>
    Containment,
}
