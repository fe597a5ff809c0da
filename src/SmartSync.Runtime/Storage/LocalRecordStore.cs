using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync;

/// <summary>
/// The app's access to the local data. Writes go through the store's single writer (so they never
/// meet "database is locked", even during a sync), are queued in the outbox with a monotonic
/// sequence, and raise <see cref="RecordChanged"/> after they commit.
/// </summary>
public sealed partial class LocalRecordStore
{
    private readonly SyncStore _store;
    private readonly ISyncTransport? _transport;

    internal LocalRecordStore(SyncStore store, ISyncTransport? transport = null, TimeProvider? timeProvider = null)
    {
        _store = store;
        _transport = transport;
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised after a local write committed. Handlers run on the writing thread; keep them short.</summary>
    public event EventHandler<RecordChange>? RecordChanged;

    /// <summary>Entities the local schema holds (empty before the first full sync downloaded the data model).</summary>
    public async Task<IReadOnlyList<string>> GetEntitiesAsync(CancellationToken cancellationToken = default)
    {
        await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<string>();
        if (_store.Model is { } model)
        {
            foreach (var table in model.Tables)
            {
                names.Add(table.Name);
            }
        }

        return names;
    }

    public async Task<LocalRecord?> GetAsync(string entity, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        await using var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = SyncStore.Command(connection, null, table.SelectByKeySql() + " AND " + LocalTable.StateColumn + " <> 2", ("$key", key));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(table, reader) : null;
    }

    /// <summary>All records of an entity the device holds, ordered by key.</summary>
    /// <remarks>
    /// This materialises the whole table; for anything that can grow, page with
    /// <see cref="Query(string)"/> (<c>.Skip(n).Take(m)</c>) or stream with <see cref="EnumerateAsync"/>.
    /// </remarks>
    public async Task<IReadOnlyList<LocalRecord>> QueryAsync(string entity, CancellationToken cancellationToken = default)
    {
        await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        return await Query(entity).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams the records of an entity in key order, one row at a time: memory stays flat on any table size.</summary>
    public async IAsyncEnumerable<LocalRecord> EnumerateAsync(string entity, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var record in Query(entity).AsAsyncEnumerable(cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    /// <summary>Creates or changes a record: the given attributes are written, the others keep their value.</summary>
    /// <returns>The outbox sequence number of the change.</returns>
    public async Task<long> UpsertAsync(string entity, string key, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(values);
        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        long sequence;
        using (var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var tx = lease.Connection.BeginTransaction();
            RowWriter.Upsert(lease.Connection, tx, table, key, values, etag: null, setETag: false, RowState.Changed, strict: true);
            sequence = AppendOutbox(lease.Connection, tx, table.Name, key, UploadOperation.Upsert, null);
            tx.Commit();
        }

        OnRecordChanged(new RecordChange(table.Name, key, RecordChangeKind.Upserted, sequence));
        return sequence;
    }

    /// <summary>Deletes a record locally; the delete is uploaded by the next sync that uploads this entity.</summary>
    /// <returns>The outbox sequence number, or null when the device has no such record.</returns>
    public async Task<long?> DeleteAsync(string entity, string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var table = await TableAsync(entity, cancellationToken).ConfigureAwait(false);
        long sequence;
        using (var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var tx = lease.Connection.BeginTransaction();
            string? etag;
            using (var find = SyncStore.Command(lease.Connection, tx, "SELECT " + LocalTable.ETagColumn + " FROM " + table.QuotedName + " WHERE " + table.QuotedKey + " = $k AND " + LocalTable.StateColumn + " <> 2", ("$k", key)))
            using (var reader = find.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                etag = reader.IsDBNull(0) ? null : reader.GetString(0);
            }

            RowWriter.SetState(lease.Connection, tx, table, key, RowState.Deleted);
            sequence = AppendOutbox(lease.Connection, tx, table.Name, key, UploadOperation.Delete, etag);
            tx.Commit();
        }

        OnRecordChanged(new RecordChange(table.Name, key, RecordChangeKind.Deleted, sequence));
        return sequence;
    }

    /// <summary>Local changes not uploaded yet.</summary>
    public async Task<long> CountPendingChangesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return SyncStore.ExecuteScalarLong(connection, null, "SELECT COUNT(*) FROM __ss_outbox");
    }

    /// <summary>Unresolved sync errors; while any exists, SmartSync is refused.</summary>
    public async Task<IReadOnlyList<SyncError>> GetSyncErrorsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return SyncErrorStore.ListUnresolved(connection);
    }

    /// <summary>
    /// Resolves a sync error on the device: keep the server's version or the device's (re-uploaded without
    /// If-Match). Keeping the server's version leaves the record as the server has it: when the error carries no
    /// server values (a rejected change), the record is fetched now, or by the next run if the server cannot be
    /// reached.
    /// </summary>
    public async Task<bool> ResolveSyncErrorAsync(long errorId, ConflictChoice choice, CancellationToken cancellationToken = default)
    {
        await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var model = _store.Model ?? throw new InvalidOperationException("The local store has no data model yet.");
        Dictionary<string, object?>? fetched = null;
        var known = false;
        if (choice == ConflictChoice.KeepServer && _transport is not null)
        {
            (string Entity, string Key, bool HasServerValues)? open;
            await using (var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                open = SyncErrorStore.ReadOpen(connection, errorId);
            }

            if (open is { HasServerValues: false } error && model.Find(error.Entity) is { Definition.EntitySetName: not null } table)
            {
                try
                {
                    // Network I/O before the writer is taken: no lock app writes need is held across it.
                    var record = await _transport.GetRecordAsync(table.Definition, error.Key, cancellationToken).ConfigureAwait(false);
                    known = true;
                    if (record is not null)
                    {
                        fetched = new Dictionary<string, object?>(record.Values, StringComparer.Ordinal) { ["@odata.etag"] = record.ETag };
                    }
                }
                catch (SyncTransportException)
                {
                    // Offline or refused: the resolution queues the fetch for the next run.
                }
            }
        }

        using var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        using var tx = lease.Connection.BeginTransaction();
        var resolved = SyncErrorStore.Resolve(lease.Connection, tx, model, errorId, choice, fetched, serverRecordKnown: known);
        tx.Commit();
        return resolved;
    }

    private static long AppendOutbox(SqliteConnection connection, SqliteTransaction tx, string entity, string key, UploadOperation operation, string? ifMatch)
    {
        using var command = SyncStore.Command(
            connection,
            tx,
            "INSERT INTO __ss_outbox (entity, record_key, operation, if_match) VALUES ($e, $k, $o, $m); SELECT last_insert_rowid();",
            ("$e", entity),
            ("$k", key),
            ("$o", (long)operation),
            ("$m", ifMatch));
        return (long)command.ExecuteScalar()!;
    }

    private async ValueTask<LocalTable> TableAsync(string entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var model = _store.Model ?? throw new InvalidOperationException("The local store has no data model yet: run a full sync first.");
        return model.Get(entity);
    }

    private void OnRecordChanged(RecordChange change) => RecordChanged?.Invoke(this, change);

    internal static LocalRecord Read(LocalTable table, SqliteDataReader reader)
    {
        var values = new Dictionary<string, object?>(table.ColumnCount, StringComparer.Ordinal);
        for (var i = 0; i < table.ColumnCount; i++)
        {
            var property = table.Definition.Properties[i];
            values[property.Name] = EdmAffinity.FromStored(reader.GetValue(i), property.EdmType);
        }

        var etag = reader.IsDBNull(table.ColumnCount) ? null : reader.GetString(table.ColumnCount);
        var state = reader.GetInt64(table.ColumnCount + 1);
        return new LocalRecord(table.Name, reader.GetString(table.KeyOrdinal), values, etag, state != RowState.Synced);
    }
}
