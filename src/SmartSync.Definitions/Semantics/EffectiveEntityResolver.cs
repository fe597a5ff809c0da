using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Definitions.Semantics;

/// <summary>
/// Works out which entities a profile syncs (docs/smartsync-xml.md): the Include or Exclude list,
/// related expansion over lookups, then global and auto exclusions, which prune only entities
/// that arrived implicitly — an entity an Include list names is always kept.
/// </summary>
internal static class EffectiveEntityResolver
{
    public static EffectiveEntitySet Resolve(
        ProfileSpec profile,
        EntityDataModel? model,
        IReadOnlyList<ExcludedEntity> globalExclusions,
        IReadOnlyList<ExcludedEntity> autoExclusions,
        IReadOnlyCollection<string>? appEntities = null)
    {
        // Related expansion and Exclude mode reach only the app's tables (null: every table of the model).
        var scope = appEntities is null ? null : new HashSet<string>(appEntities, StringComparer.Ordinal);
        var explicitNames = new HashSet<string>(StringComparer.Ordinal);
        var selected = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pruned = new List<PrunedEntity>();
        var complete = true;

        if (profile.Mode == EntitiesMode.Include)
        {
            foreach (var entity in profile.Entities)
            {
                if (seen.Add(entity.Name))
                {
                    explicitNames.Add(entity.Name);
                    selected.Add(entity.Name);
                }
            }

            foreach (var entity in profile.Entities.Where(e => e.WithRelated))
            {
                if (model is null)
                {
                    complete = false;
                    continue;
                }

                foreach (var related in Related(model, entity.Name, entity.Deep, scope))
                {
                    if (seen.Add(related))
                    {
                        selected.Add(related);
                    }
                }
            }
        }
        else
        {
            var excluded = new HashSet<string>(profile.Entities.Select(e => e.Name), StringComparer.Ordinal);
            foreach (var name in excluded.OrderBy(n => n, StringComparer.Ordinal))
            {
                pruned.Add(new PrunedEntity(name, ExclusionList.Manual, "listed in the profile's Exclude list"));
            }

            if (model is null)
            {
                complete = false;
            }
            else
            {
                foreach (var entity in model.SyncableEntities.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal))
                {
                    if (!excluded.Contains(entity) && (scope is null || scope.Contains(entity)) && seen.Add(entity))
                    {
                        selected.Add(entity);
                    }
                }
            }
        }

        var result = new List<string>(selected.Count);
        var global = profile.UseGlobalExclusions ? ToLookup(globalExclusions) : null;
        var auto = profile.UseAutoExclusions ? ToLookup(autoExclusions) : null;
        foreach (var name in selected)
        {
            if (!explicitNames.Contains(name))
            {
                if (global is not null && global.TryGetValue(name, out var globalReason))
                {
                    pruned.Add(new PrunedEntity(name, ExclusionList.Global, globalReason));
                    continue;
                }

                if (auto is not null && auto.TryGetValue(name, out var autoReason))
                {
                    pruned.Add(new PrunedEntity(name, ExclusionList.Auto, autoReason));
                    continue;
                }
            }

            result.Add(name);
        }

        return new EffectiveEntitySet(result.ToEquatableArray(), pruned.ToEquatableArray(), complete);
    }

    /// <summary>Entities reachable from <paramref name="entityName"/> through lookups: one level, or all levels when deep.</summary>
    public static IEnumerable<string> Related(EntityDataModel model, string entityName, bool deep) => Related(model, entityName, deep, null);

    /// <summary>The same, staying inside <paramref name="scope"/> (the app's tables) when one is given.</summary>
    public static IEnumerable<string> Related(EntityDataModel model, string entityName, bool deep, ISet<string>? scope)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { entityName };
        var frontier = new Queue<string>();
        frontier.Enqueue(entityName);
        var result = new List<string>();
        while (frontier.Count > 0)
        {
            var current = model.Find(frontier.Dequeue());
            if (current is null)
            {
                continue;
            }

            foreach (var lookup in current.Lookups)
            {
                var target = model.Find(lookup.TargetEntity);
                if (target is null || !target.IsSyncable || (scope is not null && !scope.Contains(target.Name)) || !visited.Add(target.Name))
                {
                    continue;
                }

                result.Add(target.Name);
                if (deep)
                {
                    frontier.Enqueue(target.Name);
                }
            }
        }

        return result;
    }

    private static Dictionary<string, string> ToLookup(IReadOnlyList<ExcludedEntity> list)
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            lookup[entry.Name] = entry.Reason;
        }

        return lookup;
    }
}
