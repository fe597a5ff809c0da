using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Generator.Emit;

/// <summary>The sentences of a profile's doc comment; every piece of input text is escaped.</summary>
internal static class ProfileDocs
{
    public static string Direction(SyncAction action) => action switch
    {
        SyncAction.UpSync => "uploads local changes only",
        SyncAction.DownSync => "downloads server changes only",
        _ => "uploads local changes, then downloads server changes",
    };

    public static string Method(SyncMethod method) => method switch
    {
        SyncMethod.Incremental => "incremental only: the run is refused when an entity would need a full download",
        SyncMethod.Full => "re-downloads the selected entities from scratch",
        _ => "incremental where a valid cursor exists, a full download where not",
    };

    public static string Modules(SyncModules modules)
    {
        var names = SpecLiterals.ModuleNames(modules).Select(DocText.Code).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    public static string ExclusionLists(ProfileSpec spec) =>
        (spec.UseGlobalExclusions ? "global list applied" : "global list ignored")
        + ", " + (spec.UseAutoExclusions ? "auto list applied at run time" : "auto list ignored");

    public static string EntityList(ProfileSpec spec)
    {
        if (spec.Entities.Count == 0)
        {
            return "empty";
        }

        return string.Join(", ", spec.Entities.Select(e =>
        {
            var text = DocText.Code(e.Name);
            if (e.WithRelated)
            {
                text += e.Deep ? " with related entities, transitively" : " with related entities";
            }

            return text;
        }));
    }

    public static string Names(EquatableArray<string> names) =>
        names.Count == 0
            ? "none"
            : string.Format(CultureInfo.InvariantCulture, "{0} ({1})", string.Join(", ", names.Select(DocText.Code)), names.Count);

    /// <summary>One paragraph per exclusion list that pruned something.</summary>
    public static IEnumerable<string> Pruned(EffectiveEntitySet effective)
    {
        foreach (var group in effective.Pruned.GroupBy(p => p.List).OrderBy(g => g.Key))
        {
            var entries = group.Select(p => DocText.Code(p.Name) + " (" + DocText.Escape(p.Reason) + ")");
            yield return "<para>Pruned by the " + ListName(group.Key) + ": " + string.Join("; ", entries) + ".</para>";
        }
    }

    public static string Incomplete(ProfileSpec spec, string? dataModelFileName)
    {
        var what = spec.Mode == EntitiesMode.Exclude
            ? "the entities of an Exclude list"
            : "the related entities";
        return dataModelFileName is null
            ? "Incomplete: there is no valid data model at build time, so " + what + " are resolved at run time from the server's metadata."
            : "Incomplete: " + what + " could not be resolved from " + DocText.Code(dataModelFileName) + "; they are resolved at run time.";
    }

    public static string Triggers(EquatableArray<TriggerSpec> triggers)
    {
        if (triggers.Count == 0)
        {
            return "none (run it from code)";
        }

        return string.Join("; ", triggers.Select(Trigger));
    }

    public static string Trigger(TriggerSpec trigger)
    {
        var delay = trigger.DelaySeconds.ToString(CultureInfo.InvariantCulture);
        return trigger.Action switch
        {
            TriggerAction.AppStart => "<c>AppStart</c>, " + delay + " s after the app starts",
            TriggerAction.RecordChange => "<c>RecordChange</c> on "
                + (trigger.Entity is null ? "the profile's entities" : DocText.Code(trigger.Entity))
                + ", changes within " + delay + " s coalesce into one run",
            TriggerAction.PeriodicSync => "<c>PeriodicSync</c>, every " + delay + " s",
            _ => DocText.Code(trigger.Action.ToString()) + ", delay " + delay + " s",
        };
    }

    private static string ListName(ExclusionList list) => list switch
    {
        ExclusionList.Manual => "profile's Exclude list",
        ExclusionList.Global => "global exclusion list",
        _ => "auto exclusion list",
    };
}
