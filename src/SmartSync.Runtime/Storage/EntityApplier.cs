using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>
/// Applies downloaded records to one entity table as the transport reads them: one prepared
/// upsert reused for every record (values bound by position, no per-record dictionaries or
/// parameter lookups), plus a cached variant per set of present attributes for the rare partial record.
/// The statements run on the connection inside the page's transaction (<see cref="BeginPage"/>).
/// </summary>
internal sealed class EntityApplier : IRecordSink, IDisposable
{
    private readonly LocalTable _table;
    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _upsertAll;
    private readonly int[] _allParameters;
    private readonly int _allETag;
    private readonly PreparedStatement _remove;
    private readonly int _removeKey;
    private readonly Dictionary<string, (PreparedStatement Command, int[] Parameters, int ETag)> _partial = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public EntityApplier(LocalTable table, SqliteConnection connection)
    {
        _table = table;
        _connection = connection;
        (_upsertAll, _allParameters, _allETag) = CreateUpsert(null);
        _remove = new PreparedStatement(connection, table.DownloadRemoveSql());
        _removeKey = _remove.IndexOf("$key");
    }

    /// <summary>Records handed over in the current page.</summary>
    public int Upserts { get; private set; }

    /// <summary>Rows actually inserted or changed (an unchanged ETag does not count).</summary>
    public int Changes { get; private set; }

    public int Removes { get; private set; }

    /// <summary>Starts a page inside <paramref name="transaction"/> (open on the same connection) and resets the page counters.</summary>
    public void BeginPage(SqliteTransaction transaction)
    {
        if (!ReferenceEquals(transaction.Connection, _connection))
        {
            throw new InvalidOperationException("The page's transaction belongs to another connection.");
        }

        _transaction = transaction;
        Upserts = 0;
        Changes = 0;
        Removes = 0;
    }

    /// <summary>The page's transaction ended: the statements stay prepared for the next page.</summary>
    public void EndPage() => _transaction = null;

    public void Upsert(RecordValues record)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("BeginPage must be called before records are applied.");
        }

        if (!ReferenceEquals(record.Entity, _table.Definition) && record.Entity.Name != _table.Name)
        {
            throw new SyncPayloadException(_table.Name, record.Key, $"a record of '{record.Entity.Name}' arrived in the download of '{_table.Name}'");
        }

        if (string.IsNullOrEmpty(record.Key))
        {
            throw new SyncPayloadException(_table.Name, (Upserts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "a record without a key");
        }

        var values = record.Values;
        var present = record.Present;
        PreparedStatement command;
        int[] parameters;
        int etag;
        if (AllPresent(present))
        {
            command = _upsertAll;
            parameters = _allParameters;
            etag = _allETag;
        }
        else
        {
            var mask = Mask(present);
            if (!_partial.TryGetValue(mask, out var entry))
            {
                var copy = (bool[])present.Clone();
                entry = CreateUpsert(copy);
                _partial[mask] = entry;
            }

            (command, parameters, etag) = entry;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter == 0)
            {
                continue;
            }

            command.Bind(parameter, i == _table.KeyOrdinal ? record.Key : values[i]);
        }

        command.Bind(etag, record.ETag);
        Changes += command.Execute();
        Upserts++;
    }

    public void Remove(string key)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("BeginPage must be called before records are applied.");
        }

        _remove.Bind(_removeKey, key);
        Removes += _remove.Execute();
    }

    public void Dispose()
    {
        _upsertAll.Dispose();
        _remove.Dispose();
        foreach (var entry in _partial.Values)
        {
            entry.Command.Dispose();
        }
    }

    /// <summary>The upsert of the columns in <paramref name="present"/> and the position of each one's parameter (0: not in it).</summary>
    private (PreparedStatement Command, int[] Parameters, int ETag) CreateUpsert(bool[]? present)
    {
        var command = new PreparedStatement(_connection, _table.DownloadUpsertSql(present));
        var parameters = new int[_table.ColumnCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (present is null || present[i] || i == _table.KeyOrdinal)
            {
                parameters[i] = command.IndexOf("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // Each value binds by its own type and the column affinity does the rest.
        return (command, parameters, command.IndexOf("$etag"));
    }

    private static bool AllPresent(bool[] present)
    {
        foreach (var flag in present)
        {
            if (!flag)
            {
                return false;
            }
        }

        return true;
    }

    private static string Mask(bool[] present) => string.Create(present.Length, present, static (span, flags) =>
    {
        for (var i = 0; i < flags.Length; i++)
        {
            span[i] = flags[i] ? '1' : '0';
        }
    });
}
