using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>
/// The queue of local changes (<c>__ss_outbox</c>), ordered by a monotonic local sequence: what the upload phase
/// reads, and what it drops once the server answered.
/// </summary>
internal static class OutboxStore
{
    /// <summary>One record with queued changes: its latest and first sequence, whether a resolution forces it, and the If-Match of its first change.</summary>
    public readonly record struct PendingRecord(string Key, long LastSequence, long FirstSequence, bool Force, string? IfMatch);

    /// <summary>The highest sequence queued now (the upload's snapshot) and the entities with changes up to it.</summary>
    public static (long Snapshot, HashSet<string> Entities) Snapshot(SqliteConnection connection)
    {
        var snapshot = SyncStore.ExecuteScalarLong(connection, null, "SELECT IFNULL(MAX(seq), 0) FROM __ss_outbox");
        var entities = new HashSet<string>(SyncStore.ReadStrings(connection, null, "SELECT DISTINCT entity FROM __ss_outbox WHERE seq <= $s", ("$s", snapshot)), StringComparer.Ordinal);
        return (snapshot, entities);
    }

    public static bool HasQueued(SqliteConnection connection, string entity, long snapshot) =>
        SyncStore.ExecuteScalarLong(connection, null, "SELECT EXISTS (SELECT 1 FROM __ss_outbox WHERE entity = $e AND seq <= $s)", ("$e", entity), ("$s", snapshot)) != 0;

    /// <summary>
    /// The next records with queued changes up to <paramref name="snapshot"/>, in the order the app first changed
    /// them, after the record whose first change was <paramref name="afterFirstSequence"/>.
    /// </summary>
    public static List<PendingRecord> ReadPending(SqliteConnection connection, string entity, long snapshot, long afterFirstSequence, int size)
    {
        var pending = new List<PendingRecord>();
        using var command = SyncStore.Command(
            connection,
            null,
            "SELECT record_key, MAX(seq), MAX(force), (SELECT o2.if_match FROM __ss_outbox o2 WHERE o2.entity = o.entity AND o2.record_key = o.record_key AND o2.seq <= $s ORDER BY o2.seq LIMIT 1), MIN(seq) " +
            "FROM __ss_outbox o WHERE entity = $e AND seq <= $s GROUP BY record_key HAVING MIN(seq) > $after ORDER BY MIN(seq) LIMIT $n",
            ("$e", entity),
            ("$s", snapshot),
            ("$after", afterFirstSequence),
            ("$n", (long)size));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            pending.Add(new PendingRecord(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(4), reader.GetInt64(2) != 0, reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return pending;
    }

    /// <summary>Drops a record's queued changes up to <paramref name="upTo"/> (later ones stay queued).</summary>
    public static void Drop(SqliteConnection connection, SqliteTransaction? transaction, string entity, string key, long upTo)
    {
        using var command = SyncStore.Command(connection, transaction, "DELETE FROM __ss_outbox WHERE entity = $e AND record_key = $k AND seq <= $s", ("$e", entity), ("$k", key), ("$s", upTo));
        command.ExecuteNonQuery();
    }

    /// <summary>Whether the app changed the record again after <paramref name="upTo"/> (while the upload was on the wire).</summary>
    public static bool HasNewerChange(SqliteConnection connection, SqliteTransaction transaction, string entity, string key, long upTo) =>
        SyncStore.ExecuteScalarLong(connection, transaction, "SELECT EXISTS (SELECT 1 FROM __ss_outbox WHERE entity = $e AND record_key = $k AND seq > $s)", ("$e", entity), ("$k", key), ("$s", upTo)) != 0;
}
