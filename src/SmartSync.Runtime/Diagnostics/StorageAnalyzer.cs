using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.Semantics;
using SmartSync.Exclusions;
using SmartSync.Pipeline.Phases;
using SmartSync.Storage;

namespace SmartSync.Diagnostics;

/// <summary>Builds the <see cref="StorageReport"/> from the local tables, the sync state and the catalog in force.</summary>
internal static class StorageAnalyzer
{
    /// <remarks>The scan reads every table (SQLite's API is synchronous): it runs on the thread pool, never on the caller's thread.</remarks>
    public static Task<StorageReport> AnalyzeAsync(SyncStore store, SmartSyncClientOptions options, SmartSyncCatalog catalog, TimeProvider time, CancellationToken cancellationToken) =>
        Task.Run(() => ScanAsync(store, options, catalog, time, cancellationToken), cancellationToken);

    private static async Task<StorageReport> ScanAsync(SyncStore store, SmartSyncClientOptions options, SmartSyncCatalog catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var debt = long.TryParse(SyncStore.GetSetting(connection, null, SettingNames.CleanupDebt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
        var entities = new List<EntityStorageInfo>();
        if (store.Model is not { } model)
        {
            return new StorageReport(entities, debt, options.CleanupDebtLimit, now);
        }

        var auto = AutoExclusionStore.List(connection, null);
        var global = CustomizationCheckPhase.GlobalExclusions(model, catalog.GlobalExclusions);
        var profilesByEntity = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var profile in catalog.Profiles)
        {
            var effective = EffectiveEntityResolver.Resolve(profile.Spec, model.Model, global, auto, catalog.AppEntityScope);
            foreach (var name in effective.Entities)
            {
                if (!profilesByEntity.TryGetValue(name, out var list))
                {
                    profilesByEntity[name] = list = new List<string>();
                }

                list.Add(profile.Name);
            }
        }

        var lastDownloads = StorageStatsStore.LastDownloads(connection);

        foreach (var table in model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (rows, bytes) = StorageStatsStore.Measure(connection, table);

            DateTimeOffset? last = lastDownloads.TryGetValue(table.Name, out var at) ? at : null;
            ExclusionList? exclusion = null;
            string? reason = null;
            if (auto.FirstOrDefault(e => e.Name == table.Name) is { } autoEntry)
            {
                exclusion = ExclusionList.Auto;
                reason = autoEntry.Reason;
            }
            else if (global.FirstOrDefault(e => e.Name == table.Name) is { } globalEntry)
            {
                exclusion = ExclusionList.Global;
                reason = globalEntry.Reason;
            }

            entities.Add(new EntityStorageInfo(
                table.Name,
                rows,
                bytes,
                last,
                last is { } l ? now - l : null,
                profilesByEntity.TryGetValue(table.Name, out var names) ? names : [],
                exclusion,
                reason));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var engine = new List<EngineTableInfo>();
        foreach (var (name, rows, bytes) in StorageStatsStore.MeasureEngineTables(connection))
        {
            engine.Add(new EngineTableInfo(name, rows, bytes));
        }

        return new StorageReport(entities, debt, options.CleanupDebtLimit, now) { EngineTables = engine };
    }
}
