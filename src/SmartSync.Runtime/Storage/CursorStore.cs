using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>A server cursor of one (module, entity): the next or delta link to resume from.</summary>
/// <param name="Value">The link or opaque cursor.</param>
/// <param name="Complete">True when <paramref name="Value"/> is a delta link (caught up), false for a next link mid-download.</param>
internal sealed record SyncCursor(string Value, bool Complete);

/// <summary>
/// Reads and writes cursors. Writers always pass the transaction that applies the data the cursor
/// covers, so a cursor is never ahead of the rows on disk.
/// </summary>
internal static class CursorStore
{
    public const string Download = "download";
    public const string Shared = "shared";
    public const string Deletes = "deletes";
    public const string Exchange = "exchange";
    public const string AnyEntity = "*";

    public static SyncCursor? Get(SqliteConnection connection, SqliteTransaction? transaction, string module, string entity)
    {
        using var command = SyncStore.Command(connection, transaction, "SELECT cursor, complete FROM __ss_cursor WHERE module = $m AND entity = $e", ("$m", module), ("$e", entity));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new SyncCursor(reader.GetString(0), reader.GetInt64(1) != 0) : null;
    }

    public static void Set(SqliteConnection connection, SqliteTransaction transaction, string module, string entity, string value, bool complete, DateTimeOffset now)
    {
        using var command = SyncStore.Command(
            connection,
            transaction,
            "INSERT INTO __ss_cursor (module, entity, cursor, complete, updated_at) VALUES ($m, $e, $c, $k, $t) " +
            "ON CONFLICT(module, entity) DO UPDATE SET cursor = excluded.cursor, complete = excluded.complete, updated_at = excluded.updated_at",
            ("$m", module),
            ("$e", entity),
            ("$c", value),
            ("$k", complete ? 1L : 0L),
            ("$t", now.ToString("O", CultureInfo.InvariantCulture)));
        command.ExecuteNonQuery();
    }

    public static void Delete(SqliteConnection connection, SqliteTransaction? transaction, string module, string entity)
    {
        using var command = SyncStore.Command(connection, transaction, "DELETE FROM __ss_cursor WHERE module = $m AND entity = $e", ("$m", module), ("$e", entity));
        command.ExecuteNonQuery();
    }

    /// <summary>Drops every cursor of an entity, so its next download starts from scratch.</summary>
    public static void DeleteEntity(SqliteConnection connection, SqliteTransaction? transaction, string entity)
    {
        using var command = SyncStore.Command(connection, transaction, "DELETE FROM __ss_cursor WHERE entity = $e", ("$e", entity));
        command.ExecuteNonQuery();
    }
}
