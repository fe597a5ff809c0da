using System.Collections.Generic;
using System.Linq;
using System.Threading;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>
/// The catalogs generated code registered, one per assembly that compiled a SmartSync.xml. Append-only:
/// loading an assembly adds its profiles; nothing here changes what a running client uses.
/// </summary>
internal static class CompiledCatalogRegistry
{
    private static readonly object Gate = new();
    private static readonly List<SmartSyncCatalog> Contributions = [];
    private static SmartSyncCatalog _snapshot = new([], [], EquatableArray<ExcludedEntity>.Empty);

    public static SmartSyncCatalog Snapshot => Volatile.Read(ref _snapshot);

    public static void Add(SmartSyncCatalog compiled)
    {
        lock (Gate)
        {
            if (Contributions.Any(c => ReferenceEquals(c, compiled)))
            {
                return;
            }

            Contributions.Add(compiled);
            Volatile.Write(ref _snapshot, Contributions.Count == 1 ? compiled : Merge(Contributions));
        }
    }

    private static SmartSyncCatalog Merge(List<SmartSyncCatalog> catalogs)
    {
        var exclusions = new List<ExcludedEntity>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var excluded in catalogs.SelectMany(c => c.GlobalExclusions))
        {
            if (seen.Add(excluded.Name))
            {
                exclusions.Add(excluded);
            }
        }

        // An assembly that states no app tables syncs the whole model, so the union is the whole model too.
        EquatableArray<string>? appEntities = catalogs.Any(c => c.AppEntities is null)
            ? null
            : new EquatableArray<string>(catalogs.SelectMany(c => c.AppEntities!.Value).Distinct(System.StringComparer.Ordinal).ToArray());

        return new SmartSyncCatalog(
            catalogs.SelectMany(c => c.Profiles),
            catalogs.SelectMany(c => c.Triggers),
            new EquatableArray<ExcludedEntity>(exclusions.ToArray()),
            appEntities);
    }
}
