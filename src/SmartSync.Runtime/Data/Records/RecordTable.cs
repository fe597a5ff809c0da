using System;
using System.Collections.Generic;

namespace SmartSync.Data;

/// <summary>
/// One local table as generated code describes it: entity name, key, columns, and the two
/// generated methods that turn a row into a record and back (no reflection, AOT- and trim-safe).
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public abstract class RecordTable<TRecord>
    where TRecord : class
{
    protected RecordTable(string entityName, IReadOnlyList<Column<TRecord>> columns, int keyOrdinal)
    {
        ArgumentException.ThrowIfNullOrEmpty(entityName);
        ArgumentNullException.ThrowIfNull(columns);
        if (keyOrdinal < 0 || keyOrdinal >= columns.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(keyOrdinal));
        }

        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Ordinal != i)
            {
                throw new ArgumentException($"Column '{columns[i].Name}' has ordinal {columns[i].Ordinal}, expected {i}.", nameof(columns));
            }
        }

        EntityName = entityName;
        Columns = columns;
        KeyOrdinal = keyOrdinal;
    }

    /// <summary>The entity's logical name.</summary>
    public string EntityName { get; }

    /// <summary>Every column, in ordinal order.</summary>
    public IReadOnlyList<Column<TRecord>> Columns { get; }

    /// <summary>The ordinal of the key column.</summary>
    public int KeyOrdinal { get; }

    /// <summary>The key column.</summary>
    public Column<TRecord> KeyColumn => Columns[KeyOrdinal];

    // The store calls the generated members through these (generated overrides are plain 'protected',
    // whichever assemblies can see this one's internals).
    internal TRecord ReadRow(RecordReader reader) => Read(reader);

    internal void WriteRow(TRecord record, RecordWriter writer) => Write(record, writer);

    internal string? KeyOf(TRecord record) => GetKey(record);

    internal bool TryAssignKey(TRecord record) => AssignNewKey(record);

    internal RecordVersion VersionOf(TRecord record) => GetVersion(record);

    internal void StoreVersion(TRecord record, RecordVersion version) => SetVersion(record, version);

    /// <summary>Builds a record from the current row (columns at their ordinals).</summary>
    protected abstract TRecord Read(RecordReader reader);

    /// <summary>Hands every column's value to <paramref name="writer"/>.</summary>
    protected abstract void Write(TRecord record, RecordWriter writer);

    /// <summary>The record's key as stored, or null when it has none yet.</summary>
    protected abstract string? GetKey(TRecord record);

    /// <summary>Gives a record without a key a new one (creates); false when the key type cannot be generated.</summary>
    protected abstract bool AssignNewKey(TRecord record);

    /// <summary>The version the record was read at.</summary>
    protected abstract RecordVersion GetVersion(TRecord record);

    /// <summary>Records the version the store wrote or read.</summary>
    protected abstract void SetVersion(TRecord record, RecordVersion version);
}

/// <summary>A record table with its typed column set, which queries hand to filter lambdas (<c>t =&gt; t.StateCode == 0</c>).</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <typeparam name="TColumns">The generated column set.</typeparam>
public abstract class RecordTable<TRecord, TColumns> : RecordTable<TRecord>
    where TRecord : class
{
    protected RecordTable(string entityName, TColumns columnSet, IReadOnlyList<Column<TRecord>> columns, int keyOrdinal)
        : base(entityName, columns, keyOrdinal)
    {
        ArgumentNullException.ThrowIfNull(columnSet);
        ColumnSet = columnSet;
    }

    /// <summary>The typed columns.</summary>
    public TColumns ColumnSet { get; }
}
