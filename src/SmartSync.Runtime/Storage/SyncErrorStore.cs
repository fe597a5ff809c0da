using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>Sync error rows: recording them and resolving them (locally or from the server's dashboard).</summary>
internal static class SyncErrorStore
{
    // The stored spelling of each kind (kept lower-case: databases written by earlier versions use it).
    public const string ConflictKind = "conflict";
    public const string RejectedKind = "rejected";

    public const string MigrationKind = "migration";

    private static SyncErrorKind ParseKind(string text) => text switch
    {
        ConflictKind => SyncErrorKind.Conflict,
        MigrationKind => SyncErrorKind.Migration,
        _ => SyncErrorKind.Rejected,
    };

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, string entity, string key, string kind, string message, string? serverETag, IReadOnlyDictionary<string, object?>? serverValues, DateTimeOffset now)
    {
        // One open error per record: a repeated conflict refreshes the row instead of piling up.
        using (var clear = SyncStore.Command(connection, transaction, "DELETE FROM __ss_error WHERE entity = $e AND record_key = $k AND resolved = 0", ("$e", entity), ("$k", key)))
        {
            clear.ExecuteNonQuery();
        }

        using var command = SyncStore.Command(
            connection,
            transaction,
            "INSERT INTO __ss_error (entity, record_key, kind, message, server_etag, server_values, created_at) VALUES ($e, $k, $kind, $m, $etag, $values, $t)",
            ("$e", entity),
            ("$k", key),
            ("$kind", kind),
            ("$m", message),
            ("$etag", serverETag),
            ("$values", serverValues is null ? null : ValueJson.Write(serverValues)),
            ("$t", now.ToString("O", CultureInfo.InvariantCulture)));
        command.ExecuteNonQuery();
    }

    public static long CountUnresolved(SqliteConnection connection, SqliteTransaction? transaction) =>
        SyncStore.ExecuteScalarLong(connection, transaction, "SELECT COUNT(*) FROM __ss_error WHERE resolved = 0");

    public static HashSet<string> BlockedKeys(SqliteConnection connection, SqliteTransaction? transaction, string entity) =>
        new(SyncStore.ReadStrings(connection, transaction, "SELECT record_key FROM __ss_error WHERE resolved = 0 AND entity = $e", ("$e", entity)), StringComparer.Ordinal);

    public static IReadOnlyList<SyncError> ListUnresolved(SqliteConnection connection)
    {
        using var command = SyncStore.Command(connection, null, "SELECT id, entity, record_key, kind, message, created_at, server_etag, server_values FROM __ss_error WHERE resolved = 0 ORDER BY id");
        using var reader = command.ExecuteReader();
        var result = new List<SyncError>();
        while (reader.Read())
        {
            result.Add(new SyncError(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                ParseKind(reader.GetString(3)),
                reader.GetString(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : ValueJson.Read(reader.GetString(7))));
        }

        return result;
    }

    /// <summary>Finds the open error of a record, if any.</summary>
    public static long? FindOpen(SqliteConnection connection, SqliteTransaction transaction, string entity, string key)
    {
        using var command = SyncStore.Command(connection, transaction, "SELECT id FROM __ss_error WHERE resolved = 0 AND entity = $e AND record_key = $k", ("$e", entity), ("$k", key));
        return command.ExecuteScalar() is long id ? id : null;
    }

    /// <summary>The open error with that id: its record, and whether the server's values were stored with it (conflicts).</summary>
    public static (string Entity, string Key, bool HasServerValues)? ReadOpen(SqliteConnection connection, long id)
    {
        using var command = SyncStore.Command(connection, null, "SELECT entity, record_key, server_values IS NOT NULL FROM __ss_error WHERE id = $id AND resolved = 0", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0) : null;
    }

    /// <summary>
    /// Resolves an error so that the device equals the side that won. KeepServer drops the local change and writes
    /// the server's record: <paramref name="values"/> on top of the values stored with a conflict (an
    /// <c>@odata.etag</c> entry among them is the record's ETag). When nothing of the server's record is known (a
    /// rejected change), the record is queued to be fetched by the next run (<see cref="RefetchStore"/>); when
    /// <paramref name="serverRecordKnown"/> and <paramref name="values"/> is null, the server has no such record and
    /// the local row goes. KeepDevice keeps the local change and marks it to be uploaded without If-Match.
    /// </summary>
    /// <returns>False when no open error has that id.</returns>
    public static bool Resolve(
        SqliteConnection connection, SqliteTransaction transaction, LocalModel model, long id, ConflictChoice choice,
        IReadOnlyDictionary<string, object?>? values, bool serverRecordKnown = false)
    {
        string entity, key;
        string? etag, storedValues;
        using (var read = SyncStore.Command(connection, transaction, "SELECT entity, record_key, server_etag, server_values FROM __ss_error WHERE id = $id AND resolved = 0", ("$id", id)))
        using (var reader = read.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            entity = reader.GetString(0);
            key = reader.GetString(1);
            etag = reader.IsDBNull(2) ? null : reader.GetString(2);
            storedValues = reader.IsDBNull(3) ? null : reader.GetString(3);
        }

        var table = model.Find(entity);
        if (table is not null)
        {
            if (choice == ConflictChoice.KeepServer)
            {
                using (var drop = SyncStore.Command(connection, transaction, "DELETE FROM __ss_outbox WHERE entity = $e AND record_key = $k", ("$e", entity), ("$k", key)))
                {
                    drop.ExecuteNonQuery();
                }

                if (serverRecordKnown && values is null)
                {
                    // The server has no such record (a rejected create, or deleted meanwhile): neither has the device.
                    using var delete = SyncStore.Command(connection, transaction, "DELETE FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k", ("$k", key));
                    delete.ExecuteNonQuery();
                    RefetchStore.Remove(connection, transaction, entity, key);
                }
                else if (values is not null || storedValues is not null)
                {
                    // The row the server had at conflict time, with the newer values (dashboard's, fetched) on top.
                    var serverValues = storedValues is null ? new Dictionary<string, object?>(StringComparer.Ordinal) : ValueJson.Read(storedValues);
                    if (values is not null)
                    {
                        foreach (var (name, value) in values)
                        {
                            serverValues[name] = value;
                        }

                        if (values.TryGetValue("@odata.etag", out var annotated) && annotated is string current)
                        {
                            etag = current;
                        }
                    }

                    RowWriter.Upsert(connection, transaction, table, key, serverValues, etag, setETag: etag is not null, RowState.Synced, strict: false);
                    RefetchStore.Remove(connection, transaction, entity, key);
                }
                else
                {
                    // Nothing of the server's record is known here (a rejected change stores none): the row stops
                    // being pending, and the next run fetches the record, since no delta would ever bring it.
                    RowWriter.SetState(connection, transaction, table, key, RowState.Synced);
                    RefetchStore.Add(connection, transaction, entity, key);
                }
            }
            else
            {
                using var force = SyncStore.Command(connection, transaction, "UPDATE __ss_outbox SET force = 1 WHERE entity = $e AND record_key = $k", ("$e", entity), ("$k", key));
                force.ExecuteNonQuery();
            }
        }

        using var mark = SyncStore.Command(connection, transaction, "UPDATE __ss_error SET resolved = 1 WHERE id = $id", ("$id", id));
        mark.ExecuteNonQuery();
        return true;
    }
}
