namespace Responder.Core.Ingest;

/// <summary>Where the alert sat inside the record: shapes 1 to 8 of docs/input.md.</summary>
public enum RecordShape
{
    /// <summary>1: the alert object itself.</summary>
    RawAlert = 1,

    /// <summary>2: <c>{"log": "&lt;alert JSON&gt;\n", ...}</c>.</summary>
    LogString = 2,

    /// <summary>3: <c>{"log": {alert}, ...}</c>.</summary>
    LogObject = 3,

    /// <summary>4: alert keys merged at the root beside <c>log</c>.</summary>
    Merged = 4,

    /// <summary>5: alert keys merged at the root, <c>log</c> removed, shipper keys present.</summary>
    MergedNoLog = 5,

    /// <summary>6: <c>{"log": "...", "log_processed": {alert}}</c> (Container Insights).</summary>
    LogProcessed = 6,

    /// <summary>7: falcosidekick's payload (has <c>uuid</c>).</summary>
    Sidekick = 7,

    /// <summary>8: the alert under a merge key, <c>log</c> removed: <c>{"data": {alert}, "kubernetes": {...}}</c> (Fluent Bit's Merge_Log_Key).</summary>
    MergeKey = 8,
}
