using Responder.Core.Policy;

namespace Responder.Core.Config;

/// <summary>Binds one action table; each kind reads only its own parameters, so any other key is an error.</summary>
internal static class ActionBinder
{
    private const string QuarantineLabel = "falco-responder/quarantine";

    public static ActionSpec? Bind(TableReader table)
    {
        var name = table.String("action");
        if (!ActionKinds.TryParse(name, out var kind))
        {
            table.Error("action", name == ActionKind.RecordFinding.ToWire()
                ? $"\"{name}\" is not a policy action: [securityhub] enabled records a finding for every alert with a notify action"
                : name is null
                ? $"required: one of {string.Join(", ", ActionKinds.WireNames)}"
                : $"\"{name}\" is not an action ({string.Join(", ", ActionKinds.WireNames)})");
            table.Finish();
            return null;
        }

        var spec = kind switch
        {
            ActionKind.DeletePod => new ActionSpec(kind) { GracePeriodSeconds = GracePeriod(table) ?? 0 },
            ActionKind.EvictPod => new ActionSpec(kind) { GracePeriodSeconds = GracePeriod(table), OnPdbRefusal = PdbFallback(table) },
            ActionKind.TaintNode => new ActionSpec(kind) { Taint = Taint(table) },
            ActionKind.LabelPod => new ActionSpec(kind) { Labels = Labels(table, null) },
            ActionKind.IsolatePod => new ActionSpec(kind) { Labels = Labels(table, QuarantineLabel) },
            ActionKind.CollectEvidence => new ActionSpec(kind) { OnEvidenceFailure = EvidenceFallback(table) },
            _ => new ActionSpec(kind),
        };
        table.Finish();
        return spec;
    }

    private static int? GracePeriod(TableReader table) => (int?)table.OptionalInteger("grace_period_seconds", 0, 3600);

    private static PdbRefusal PdbFallback(TableReader table)
    {
        var text = table.String("on_pdb_refusal");
        switch (text)
        {
            case null or "skip":
                return PdbRefusal.Skip;
            case "delete":
                return PdbRefusal.Delete;
            default:
                table.Error("on_pdb_refusal", $"\"{text}\" is not \"skip\" or \"delete\"");
                return PdbRefusal.Skip;
        }
    }

    private static EvidenceFailure EvidenceFallback(TableReader table)
    {
        var text = table.String("on_evidence_failure");
        switch (text)
        {
            case null or "proceed":
                return EvidenceFailure.Proceed;
            case "hold":
                return EvidenceFailure.Hold;
            default:
                table.Error("on_evidence_failure", $"\"{text}\" is not \"proceed\" or \"hold\"");
                return EvidenceFailure.Proceed;
        }
    }

    private static NodeTaint Taint(TableReader table)
    {
        var key = table.String("key") ?? "falco-responder/compromised";
        var value = table.String("value") ?? "true";
        var effect = table.String("effect") ?? "NoSchedule";
        if (!Validators.IsLabelKey(key))
        {
            table.Error("key", $"\"{key}\" is not a valid taint key");
        }

        if (!Validators.IsLabelValue(value))
        {
            table.Error("value", $"\"{value}\" is not a valid taint value");
        }

        if (effect is not ("NoSchedule" or "PreferNoSchedule" or "NoExecute"))
        {
            table.Error("effect", $"\"{effect}\" is not NoSchedule, PreferNoSchedule or NoExecute");
        }

        return new NodeTaint(key, value, effect);
    }

    private static Dictionary<string, string> Labels(TableReader table, string? defaultKey)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var labelTable = table.Table("labels");
        foreach (var (key, value, path) in labelTable?.Entries() ?? [])
        {
            if (!Validators.IsLabelKey(key))
            {
                table.Errors.Add(path, "not a valid Kubernetes label key");
            }
            else if (value is not string text || !Validators.IsLabelValue(text))
            {
                table.Errors.Add(path, $"expected a valid label value (up to 63 letters, digits, '-', '_', '.'), got {TableReader.Describe(value)}");
            }
            else
            {
                labels[key] = text;
            }
        }

        if (defaultKey is not null && labels.Count == 0)
        {
            labels[defaultKey] = "true";
        }

        return labels;
    }
}
