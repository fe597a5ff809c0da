using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>Per-entity freshness (<c>__ss_entity_state</c>): when its download last completed, and its last full download.</summary>
internal static class EntityStateStore
{
    public static void MarkDownloaded(SqliteConnection connection, SqliteTransaction transaction, string entity, DateTimeOffset at, bool fullDownload)
    {
        using var state = SyncStore.Command(
            connection,
            transaction,
            "INSERT INTO __ss_entity_state (entity, last_download, last_full_download) VALUES ($e, $t, CASE WHEN $full = 1 THEN $t END) " +
            "ON CONFLICT(entity) DO UPDATE SET last_download = excluded.last_download, last_full_download = IFNULL(excluded.last_full_download, last_full_download)",
            ("$e", entity),
            ("$t", at.ToString("O", CultureInfo.InvariantCulture)),
            ("$full", fullDownload ? 1L : 0L));
        state.ExecuteNonQuery();
    }
}
