using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Data;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync;

// Typed access (generated record types) and the query machinery the untyped API shares. See docs/data-access.md.
public sealed partial class LocalRecordStore : IRecordQueryExecutor
{
    private const int CancellationCheckInterval = 256;
    private readonly object _bindingGate = new();
    private readonly Dictionary<object, (LocalModel Model, TableBinding Binding)> _bindings = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (LocalModel Model, DynamicTable Table)> _dynamicTables = new(StringComparer.Ordinal);

    /// <summary>The clock live queries coalesce with (the client's <see cref="TimeProvider"/>).</summary>
    internal TimeProvider Time { get; }

    TimeProvider IRecordQueryExecutor.Time => Time;

    TableChangeFeed IRecordQueryExecutor.Changes => _store.Changes;

    /// <summary>Starts a query over a generated table: <c>Records.Query(TaskRecord.Table).Where(t =&gt; ...)</c>.</summary>
    public RecordQuery<TRecord, TColumns> Query<TRecord, TColumns>(RecordTable<TRecord, TColumns> table)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(table);
        return new RecordQuery<TRecord, TColumns>(this, table);
    }

    /// <summary>
    /// Starts a query over a table known only at run time (untyped records), on the same machinery:
    /// filters, ordering, paging and live results run in SQLite. The store must be open
    /// (<see cref="SmartSyncClient.OpenAsync"/>) and hold the entity (after a full sync).
    /// </summary>
    public RecordQuery<LocalRecord, DynamicColumns> Query(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var model = _store.Model ?? throw new InvalidOperationException("The local store has no data model yet: open the client and run a full sync first.");
        DynamicTable table;
        lock (_bindingGate)
        {
            if (!_dynamicTables.TryGetValue(entity, out var cached) || !ReferenceEquals(cached.Model, model))
            {
                cached = (model, DynamicTable.For(model.Get(entity).Definition));
                _dynamicTables[entity] = cached;
            }

            table = cached.Table;
        }

        return new RecordQuery<LocalRecord, DynamicColumns>(this, table);
    }

    /// <summary>Follows a lookup: the record it points to, or null when the device does not hold it.</summary>
    public Task<TRecord?> GetAsync<TRecord>(RecordReference<TRecord> reference, CancellationToken cancellationToken = default)
        where TRecord : class, IRecord<TRecord> =>
        GetAsync(TRecord.Table, reference.Key.ToString("D"), cancellationToken);

    /// <summary>The record with this key, or null.</summary>
    public Task<TRecord?> GetAsync<TRecord>(RecordTable<TRecord> table, Guid key, CancellationToken cancellationToken = default)
        where TRecord : class =>
        GetAsync(table, key.ToString("D"), cancellationToken);

    /// <summary>The record with this key, or null.</summary>
    public async Task<TRecord?> GetAsync<TRecord>(RecordTable<TRecord> table, string key, CancellationToken cancellationToken = default)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        var spec = new QuerySpec<TRecord>(table, [(IFilterNode)new CompareFilter<TRecord>(table.KeyColumn, CompareOperator.Equal, key)], [], 0, 1);
        var list = await ListAsync(spec, cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    /// <summary>
    /// Creates a record on the device: the row and its outbox entry in one transaction; a record
    /// without a key gets a new GUID. Raises <see cref="RecordChanged"/> (RecordChange triggers fire).
    /// </summary>
    /// <returns>The outbox sequence number of the change.</returns>
    /// <exception cref="RecordConflictException">A record with that key exists.</exception>
    public async Task<long> CreateAsync<TRecord>(TRecord record, CancellationToken cancellationToken = default)
        where TRecord : class, IRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = TRecord.Table;
        if (table.KeyOf(record) is null && !table.TryAssignKey(record))
        {
            throw new ArgumentException($"A new '{table.EntityName}' record needs a key: its key type cannot be generated.", nameof(record));
        }

        var key = table.KeyOf(record)!;
        var binding = await BindAsync(table, cancellationToken).ConfigureAwait(false);
        var values = Collect(table, record, binding);
        long sequence;
        using (var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var tx = lease.Connection.BeginTransaction();
            if (!RecordWriteSql.Insert(lease.Connection, tx, binding, values))
            {
                throw new RecordConflictException(table.EntityName, key, RecordConflictKind.AlreadyExists);
            }

            sequence = AppendOutbox(lease.Connection, tx, table.EntityName, key, UploadOperation.Upsert, null);
            tx.Commit();
        }

        table.StoreVersion(record, new RecordVersion(1, null, IsStored: true));
        OnRecordChanged(new RecordChange(table.EntityName, key, RecordChangeKind.Upserted, sequence));
        return sequence;
    }

    /// <summary>
    /// Writes an edited record: every column, in one transaction with its outbox entry, only if the row
    /// is still at the version the record was read at. Raises <see cref="RecordChanged"/>.
    /// </summary>
    /// <returns>The outbox sequence number of the change.</returns>
    /// <exception cref="RecordConflictException">The row changed or was deleted since the record was read; nothing was written.</exception>
    public async Task<long> UpdateAsync<TRecord>(TRecord record, CancellationToken cancellationToken = default)
        where TRecord : class, IRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = TRecord.Table;
        var (key, version) = StoredIdentity(table, record);
        var binding = await BindAsync(table, cancellationToken).ConfigureAwait(false);
        var values = Collect(table, record, binding);
        long sequence;
        using (var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var tx = lease.Connection.BeginTransaction();
            if (!RecordWriteSql.Update(lease.Connection, tx, binding, table.KeyOrdinal, values, version.Local))
            {
                throw new RecordConflictException(table.EntityName, key, RecordWriteSql.Diagnose(lease.Connection, tx, binding, key));
            }

            sequence = AppendOutbox(lease.Connection, tx, table.EntityName, key, UploadOperation.Upsert, null);
            tx.Commit();
        }

        table.StoreVersion(record, version with { Local = version.Local + 1 });
        OnRecordChanged(new RecordChange(table.EntityName, key, RecordChangeKind.Upserted, sequence));
        return sequence;
    }

    /// <summary>
    /// Deletes a record on the device if the row is still at the version it was read at; the delete is
    /// uploaded, conditional on the server version the device saw. Raises <see cref="RecordChanged"/>.
    /// </summary>
    /// <returns>The outbox sequence number of the change.</returns>
    /// <exception cref="RecordConflictException">The row changed or was deleted since the record was read; nothing was written.</exception>
    public async Task<long> DeleteAsync<TRecord>(TRecord record, CancellationToken cancellationToken = default)
        where TRecord : class, IRecord<TRecord>
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = TRecord.Table;
        var (key, version) = StoredIdentity(table, record);
        var binding = await BindAsync(table, cancellationToken).ConfigureAwait(false);
        long sequence;
        using (var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var tx = lease.Connection.BeginTransaction();
            if (!RecordWriteSql.Delete(lease.Connection, tx, binding, key, version.Local, out var etag))
            {
                throw new RecordConflictException(table.EntityName, key, RecordWriteSql.Diagnose(lease.Connection, tx, binding, key));
            }

            sequence = AppendOutbox(lease.Connection, tx, table.EntityName, key, UploadOperation.Delete, etag);
            tx.Commit();
        }

        table.StoreVersion(record, default);
        OnRecordChanged(new RecordChange(table.EntityName, key, RecordChangeKind.Deleted, sequence));
        return sequence;
    }

    /// <summary>
    /// Declares an index on a column the app filters or sorts by (lookup columns are always indexed).
    /// Idempotent; a table rebuilt by a data-model change needs it declared again, so call it at start-up.
    /// </summary>
    public async Task EnsureIndexAsync<TRecord, TColumns>(RecordTable<TRecord, TColumns> table, Func<TColumns, Column<TRecord>> column, CancellationToken cancellationToken = default)
        where TRecord : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(column);
        var chosen = column(table.ColumnSet);
        var binding = await BindAsync(table, cancellationToken).ConfigureAwait(false);
        if (!binding.Present[chosen.Ordinal])
        {
            throw new InvalidOperationException($"The local '{table.EntityName}' table has no column '{chosen.Name}'.");
        }

        var quoted = binding.QuotedColumns[chosen.Ordinal];
        using var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        SyncStore.Execute(lease.Connection, null, binding.Table.IndexSql(chosen.Name, RecordQuerySql.IndexExpression(chosen, quoted)));
    }

    async Task<List<TRecord>> IRecordQueryExecutor.ListAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken) =>
        await ListAsync(spec, cancellationToken).ConfigureAwait(false);

    async Task<long> IRecordQueryExecutor.CountAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken)
    {
        var binding = await BindAsync(spec.Table, cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = RecordQuerySql.Count(spec, binding);
        await using var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return SyncStore.ExecuteScalarLong(connection, null, sql, parameters);
    }

    async IAsyncEnumerable<TRecord> IRecordQueryExecutor.StreamAsync<TRecord>(QuerySpec<TRecord> spec, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var binding = await BindAsync(spec.Table, cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = RecordQuerySql.Select(spec, binding);
        await using var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = SyncStore.Command(connection, null, sql, parameters);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var row = new RecordReader(reader, binding.ColumnCount);
        var table = spec.Table;
        var read = 0;

        // SQLite reads synchronously under ReadAsync too; the plain Read keeps the per-row cost at the reader's.
        while (reader.Read())
        {
            if (++read % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return table.ReadRow(row);
        }
    }

    internal async Task<List<TRecord>> ListAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken)
        where TRecord : class
    {
        var binding = await BindAsync(spec.Table, cancellationToken).ConfigureAwait(false);
        var (sql, parameters) = RecordQuerySql.Select(spec, binding);
        await using var connection = await _store.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = SyncStore.Command(connection, null, sql, parameters);
        using var reader = command.ExecuteReader();
        var result = spec.Take is { } take && take <= 1 << 20 ? new List<TRecord>(take) : [];
        var row = new RecordReader(reader, binding.ColumnCount);
        var table = spec.Table;
        while (reader.Read())
        {
            if (result.Count % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            result.Add(table.ReadRow(row));
        }

        return result;
    }

    /// <summary>The SQL a query runs (tests and diagnostics).</summary>
    internal async Task<(string Sql, (string Name, object? Value)[] Parameters)> TranslateAsync<TRecord>(QuerySpec<TRecord> spec, CancellationToken cancellationToken)
        where TRecord : class =>
        RecordQuerySql.Select(spec, await BindAsync(spec.Table, cancellationToken).ConfigureAwait(false));

    private async ValueTask<TableBinding> BindAsync<TRecord>(RecordTable<TRecord> shape, CancellationToken cancellationToken)
        where TRecord : class
    {
        await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var model = _store.Model ?? throw new InvalidOperationException("The local store has no data model yet: run a full sync first.");
        lock (_bindingGate)
        {
            if (_bindings.TryGetValue(shape, out var cached) && ReferenceEquals(cached.Model, model))
            {
                return cached.Binding;
            }

            var binding = TableBinding.For(model.Get(shape.EntityName), shape);
            _bindings[shape] = (model, binding);
            return binding;
        }
    }

    private static RecordWriter Collect<TRecord>(RecordTable<TRecord> table, TRecord record, TableBinding binding)
        where TRecord : class
    {
        var values = new RecordWriter(binding.ColumnCount);
        table.WriteRow(record, values);
        return values;
    }

    private static (string Key, RecordVersion Version) StoredIdentity<TRecord>(RecordTable<TRecord> table, TRecord record)
        where TRecord : class
    {
        var version = table.VersionOf(record);
        if (!version.IsStored)
        {
            throw new InvalidOperationException($"This '{table.EntityName}' record was not read from the store: create it with CreateAsync, or read it before updating or deleting it.");
        }

        var key = table.KeyOf(record) ?? throw new InvalidOperationException($"This '{table.EntityName}' record has no key.");
        return (key, version);
    }
}
