using System;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmartSync.Data;

/// <summary>
/// The current row of a query, read by generated code through typed getters at fixed ordinals.
/// It decodes the store's encoding (see <see cref="ColumnKind"/>) with the invariant culture;
/// no boxing for value columns.
/// </summary>
public readonly struct RecordReader
{
    private readonly SqliteDataReader _reader;
    private readonly int _systemOrdinal;

    internal RecordReader(SqliteDataReader reader, int columnCount)
    {
        _reader = reader;
        _systemOrdinal = columnCount;
    }

    /// <summary>The version of the current row.</summary>
    public RecordVersion Version => new(
        _reader.GetInt64(_systemOrdinal + 1),
        _reader.IsDBNull(_systemOrdinal) ? null : _reader.GetString(_systemOrdinal),
        IsStored: true);

    /// <summary>Whether the current row waits in the outbox.</summary>
    internal bool HasPendingChanges => _reader.GetInt64(_systemOrdinal + 2) != 0;

    public bool IsNull(int ordinal) => _reader.IsDBNull(ordinal);

    public string? GetString(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetString(ordinal);

    public int? GetInt32(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetInt32(ordinal);

    public long? GetInt64(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetInt64(ordinal);

    public double? GetDouble(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetDouble(ordinal);

    public decimal? GetDecimal(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetDecimal(ordinal);

    public bool? GetBoolean(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetInt64(ordinal) != 0;

    public Guid? GetGuid(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetGuid(ordinal);

    public DateTimeOffset? GetDateTimeOffset(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetDateTimeOffset(ordinal);

    /// <summary>An Edm.Date; a stored date-time (some servers send one) yields its date part.</summary>
    public DateOnly? GetDate(int ordinal)
    {
        if (_reader.IsDBNull(ordinal))
        {
            return null;
        }

        var text = _reader.GetString(ordinal);
        return DateOnly.ParseExact(text.Length > 10 ? text.AsSpan(0, 10) : text.AsSpan(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>An Edm.Binary: base64 text as the server sends it, or a BLOB.</summary>
    public byte[]? GetBinary(int ordinal)
    {
        if (_reader.IsDBNull(ordinal))
        {
            return null;
        }

        return _reader.GetFieldType(ordinal) == typeof(string)
            ? Convert.FromBase64String(_reader.GetString(ordinal))
            : (byte[])_reader.GetValue(ordinal);
    }

    public RecordReference<TTarget>? GetReference<TTarget>(int ordinal)
        where TTarget : class, IRecord<TTarget> =>
        _reader.IsDBNull(ordinal) ? null : new RecordReference<TTarget>(_reader.GetGuid(ordinal));

    /// <summary>The stored value as the untyped API hands it out (string, long, double or null).</summary>
    internal object? GetStoredValue(int ordinal) => _reader.IsDBNull(ordinal) ? null : _reader.GetValue(ordinal);
}
