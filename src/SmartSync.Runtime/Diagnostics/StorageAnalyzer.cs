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

        var lastDownloads = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using (var command = SyncStore.Command(connection, null, "SELECT entity, last_download FROM __ss_entity_state WHERE last_download IS NOT NULL"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                lastDownloads[reader.GetString(0)] = DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            }
        }

        foreach (var table in model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var columns = new List<string>(table.QuotedColumns) { LocalTable.ETagColumn, LocalTable.StateColumn };
            var (rows, bytes) = Measure(connection, table.QuotedName, columns);

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

        var engine = new List<EngineTableInfo>();
        foreach (var name in SyncStore.ReadStrings(connection, null, "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '\\_\\_ss\\_%' ESCAPE '\\' ORDER BY name"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var quoted = SqlIdentifier.QuoteEngine(name);
            var columns = new List<string>();
            foreach (var column in SyncStore.ReadStrings(connection, null, "SELECT name FROM pragma_table_info($t)", ("$t", name)))
            {
                columns.Add("\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            }

            var (rows, bytes) = Measure(connection, quoted, columns);
            engine.Add(new EngineTableInfo(name, rows, bytes));
        }

        return new StorageReport(entities, debt, options.CleanupDebtLimit, now) { EngineTables = engine };
    }

    /// <summary>
    /// Rows and the summed size of every value in bytes: text as its UTF-8 bytes, blobs as their bytes, numbers as
    /// their text form (CAST AS BLOB), so a non-ASCII text counts what it occupies, not its characters.
    /// </summary>
    private static (long Rows, long Bytes) Measure(Microsoft.Data.Sqlite.SqliteConnection connection, string quotedTable, IReadOnlyList<string> quotedColumns)
    {
        var size = new StringBuilder("SELECT COUNT(*), IFNULL(SUM(0");
        foreach (var column in quotedColumns)
        {
            size.Append(" + IFNULL(LENGTH(CAST(").Append(column).Append(" AS BLOB)), 0)");
        }

        size.Append("), 0) FROM ").Append(quotedTable);
        using var command = SyncStore.Command(connection, null, size.ToString());
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
