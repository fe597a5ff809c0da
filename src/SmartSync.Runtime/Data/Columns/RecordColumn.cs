using System;

namespace SmartSync.Data;

/// <summary>
/// A column of a local table, as generated code describes it. App code uses the typed subclasses
/// (<see cref="ValueColumn{TRecord, T}"/>, <see cref="TextColumn{TRecord}"/>, ...) to build filters and
/// orderings; the store turns them into parameterised SQL. No string column names reach app code.
/// </summary>
public abstract class RecordColumn
{
    private protected RecordColumn(string name, ColumnKind kind, int ordinal)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        Name = name;
        Kind = kind;
        Ordinal = ordinal;
    }

    /// <summary>The attribute's logical name (the SQLite column).</summary>
    public string Name { get; }

    /// <summary>How values are stored and compared.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Position in the record table's column list (and in the rows the store reads).</summary>
    public int Ordinal { get; }

    public override string ToString() => Name;
}

/// <summary>A column of the table whose records are <typeparamref name="TRecord"/>; filters and orderings of other tables' columns do not compile.</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public abstract class Column<TRecord> : RecordColumn
    where TRecord : class
{
    private protected Column(string name, ColumnKind kind, int ordinal)
        : base(name, kind, ordinal)
    {
    }

    /// <summary>Rows where the column holds no value.</summary>
    public Filter<TRecord> IsNull() => new NullFilter<TRecord>(this, isNull: true);

    /// <summary>Rows where the column holds a value.</summary>
    public Filter<TRecord> IsNotNull() => new NullFilter<TRecord>(this, isNull: false);
}
