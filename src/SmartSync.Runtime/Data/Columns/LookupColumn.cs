using System;
using System.Collections.Generic;

namespace SmartSync.Data;

/// <summary>
/// A lookup: the column holding the key of a <typeparamref name="TTarget"/> record. Every lookup
/// column is indexed locally, so filtering by it stays fast on large tables.
/// </summary>
/// <typeparam name="TRecord">The record type holding the lookup.</typeparam>
/// <typeparam name="TTarget">The record type the lookup points to.</typeparam>
#pragma warning disable CS0660, CS0661 // == builds a filter; equality of columns themselves is reference equality.
public sealed class LookupColumn<TRecord, TTarget> : Column<TRecord>
#pragma warning restore CS0660, CS0661
    where TRecord : class
    where TTarget : class, IRecord<TTarget>
{
    public LookupColumn(string name, int ordinal)
        : base(name, ColumnKind.Guid, ordinal)
    {
    }

    public static Filter<TRecord> operator ==(LookupColumn<TRecord, TTarget> column, RecordReference<TTarget>? value) => column.EqualTo(value);

    public static Filter<TRecord> operator !=(LookupColumn<TRecord, TTarget> column, RecordReference<TTarget>? value) => column.NotEqualTo(value);

    /// <summary>Rows pointing at <paramref name="target"/>; null means rows pointing nowhere.</summary>
    public Filter<TRecord> EqualTo(RecordReference<TTarget>? target) => target is { } t
        ? new CompareFilter<TRecord>(this, CompareOperator.Equal, StoredValue.From(t.Key))
        : IsNull();

    /// <summary>Rows not pointing at <paramref name="target"/>, unset lookups included.</summary>
    public Filter<TRecord> NotEqualTo(RecordReference<TTarget>? target) => target is { } t
        ? new CompareFilter<TRecord>(this, CompareOperator.NotEqual, StoredValue.From(t.Key))
        : IsNotNull();

    /// <summary>Rows pointing at the record with this key.</summary>
    public Filter<TRecord> EqualTo(Guid key) => new CompareFilter<TRecord>(this, CompareOperator.Equal, StoredValue.From(key));

    /// <summary>Rows pointing at any of <paramref name="keys"/>.</summary>
    public Filter<TRecord> In(IEnumerable<Guid> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stored = new List<object>();
        foreach (var key in keys)
        {
            stored.Add(StoredValue.From(key));
        }

        return new InFilter<TRecord>(this, stored);
    }
}
