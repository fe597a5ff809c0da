using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>
/// Applies downloaded records to one entity table as the transport reads them: one prepared
/// upsert reused for every record (parameters rebound, no per-record dictionaries), plus a
/// cached variant per set of present attributes for the rare partial record.
/// </summary>
internal sealed class EntityApplier : IRecordSink, IDisposable
{
    private readonly LocalTable _table;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsertAll;
    private readonly SqliteParameter?[] _allParameters;
    private readonly SqliteParameter _allETag;
    private readonly SqliteCommand _remove;
    private readonly SqliteParameter _removeKey;
    private readonly Dictionary<string, (SqliteCommand Command, SqliteParameter?[] Parameters, SqliteParameter ETag)> _partial = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public EntityApplier(LocalTable table, SqliteConnection connection)
    {
        _table = table;
        _connection = connection;
        (_upsertAll, _allParameters, _allETag) = CreateUpsert(null);
        _remove = connection.CreateCommand();
        _remove.CommandText = table.DownloadRemoveSql();
        _removeKey = _remove.Parameters.AddWithValue("$key", DBNull.Value);
    }

    /// <summary>Records handed over in the current page.</summary>
    public int Upserts { get; private set; }

    /// <summary>Rows actually inserted or changed (an unchanged ETag does not count).</summary>
    public int Changes { get; private set; }

    public int Removes { get; private set; }

    /// <summary>Binds the prepared commands to the page's transaction and resets the page counters.</summary>
    public void BeginPage(SqliteTransaction transaction)
    {
        _transaction = transaction;
        _upsertAll.Transaction = transaction;
        _remove.Transaction = transaction;
        foreach (var entry in _partial.Values)
        {
            entry.Command.Transaction = transaction;
        }

        Upserts = 0;
        Changes = 0;
        Removes = 0;
    }

    /// <summary>The page's transaction ended: the commands stay prepared for the next page but are bound to nothing.</summary>
    public void EndPage()
    {
        _transaction = null;
        _upsertAll.Transaction = null;
        _remove.Transaction = null;
        foreach (var entry in _partial.Values)
        {
            entry.Command.Transaction = null;
        }
    }

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
        SqliteCommand command;
        SqliteParameter?[] parameters;
        SqliteParameter etag;
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
                entry.Command.Transaction = _transaction;
                _partial[mask] = entry;
            }

            (command, parameters, etag) = entry;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            if (parameter is null)
            {
                continue;
            }

            parameter.Value = i == _table.KeyOrdinal ? record.Key : values[i] ?? DBNull.Value;
        }

        etag.Value = (object?)record.ETag ?? DBNull.Value;
        Changes += command.ExecuteNonQuery();
        Upserts++;
    }

    public void Remove(string key)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("BeginPage must be called before records are applied.");
        }

        _removeKey.Value = key;
        Removes += _remove.ExecuteNonQuery();
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

    private (SqliteCommand Command, SqliteParameter?[] Parameters, SqliteParameter ETag) CreateUpsert(bool[]? present)
    {
        var command = _connection.CreateCommand();
        command.CommandText = _table.DownloadUpsertSql(present);
        var parameters = new SqliteParameter?[_table.ColumnCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (present is null || present[i] || i == _table.KeyOrdinal)
            {
                parameters[i] = command.Parameters.AddWithValue("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), DBNull.Value);
            }
        }

        // No declared SqliteType: each value binds by its own CLR type and the column affinity does the rest.
        var etag = command.Parameters.AddWithValue("$etag", DBNull.Value);
        command.Prepare();
        return (command, parameters, etag);
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
