using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Definitions.Semantics;

/// <summary>
/// Computes the global exclusion list (docs/smartsync-xml.md) from the data model: entities that are stable
/// (organisation set-up that rarely changes) or enum-like (a handful of attributes and no lookups
/// to entities that change).
/// </summary>
internal static class GlobalExclusionCalculator
{
    /// <summary>Entities whose records describe the organisation rather than its business.</summary>
    public static readonly IReadOnlyList<string> StableEntities =
    [
        "systemuser", "team", "territory", "businessunit", "transactioncurrency", "organization", "uom", "uomschedule",
    ];

    /// <summary>An entity with at most this many attributes (key included) counts as enum-like.</summary>
    public const int EnumLikeMaxAttributes = 5;

    public static EquatableArray<ExcludedEntity> Compute(EntityDataModel model)
    {
        var stable = new HashSet<string>(StableEntities, StringComparer.Ordinal);
        var result = new List<ExcludedEntity>();
        foreach (var entity in model.SyncableEntities.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (stable.Contains(entity.Name))
            {
                result.Add(new ExcludedEntity(entity.Name, "stable: organisation set-up data that rarely changes"));
                continue;
            }

            var attributeCount = entity.Properties.Count;
            var changingLookups = entity.Lookups.Where(l => !stable.Contains(l.TargetEntity)).ToList();
            if (attributeCount <= EnumLikeMaxAttributes && changingLookups.Count == 0)
            {
                var reason = string.Format(
                    CultureInfo.InvariantCulture,
                    "enum-like: {0} attributes and no lookups to entities that change",
                    attributeCount);
                result.Add(new ExcludedEntity(entity.Name, reason));
            }
        }

        return result.ToEquatableArray();
    }

    /// <summary>The list the profiles use: the explicit one from SmartSync.xml when present, the computed one otherwise.</summary>
    public static EquatableArray<ExcludedEntity> Effective(EntityDataModel? model, EquatableArray<string>? explicitList)
    {
        if (explicitList is { } names)
        {
            return names.Select(n => new ExcludedEntity(n, "listed in <GlobalExclusions>")).ToEquatableArray();
        }

        return model is null ? EquatableArray<ExcludedEntity>.Empty : Compute(model);
    }
}
