using System;
using System.Collections.Generic;

namespace SmartSync.Data;

/// <summary>
/// A column of a value type (numbers, <see cref="bool"/>, <see cref="Guid"/>, dates, <see cref="decimal"/>).
/// Comparisons follow SQL: a range never matches a null value; <c>== null</c> means IS NULL and
/// <c>!= value</c> also matches nulls (as C# would).
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <typeparam name="T">The column's value type.</typeparam>
#pragma warning disable CS0660, CS0661 // == builds a filter; equality of columns themselves is reference equality.
public sealed class ValueColumn<TRecord, T> : Column<TRecord>
#pragma warning restore CS0660, CS0661
    where TRecord : class
    where T : struct
{
    public ValueColumn(string name, ColumnKind kind, int ordinal)
        : base(name, kind, ordinal)
    {
        StoredValue.EnsureKindMatches<T>(kind);
    }

    public static Filter<TRecord> operator ==(ValueColumn<TRecord, T> column, T? value) => column.EqualTo(value);

    public static Filter<TRecord> operator !=(ValueColumn<TRecord, T> column, T? value) => column.NotEqualTo(value);

    public static Filter<TRecord> operator <(ValueColumn<TRecord, T> column, T value) => column.LessThan(value);

    public static Filter<TRecord> operator >(ValueColumn<TRecord, T> column, T value) => column.GreaterThan(value);

    public static Filter<TRecord> operator <=(ValueColumn<TRecord, T> column, T value) => column.AtMost(value);

    public static Filter<TRecord> operator >=(ValueColumn<TRecord, T> column, T value) => column.AtLeast(value);

    /// <summary>Rows whose value equals <paramref name="value"/>; null means IS NULL.</summary>
    public Filter<TRecord> EqualTo(T? value) => value is { } v
        ? new CompareFilter<TRecord>(this, CompareOperator.Equal, StoredValue.From(v))
        : IsNull();

    /// <summary>Rows whose value differs from <paramref name="value"/>, nulls included; null means IS NOT NULL.</summary>
    public Filter<TRecord> NotEqualTo(T? value) => value is { } v
        ? new CompareFilter<TRecord>(this, CompareOperator.NotEqual, StoredValue.From(v))
        : IsNotNull();

    public Filter<TRecord> LessThan(T value) => new CompareFilter<TRecord>(this, CompareOperator.Less, StoredValue.From(value));

    public Filter<TRecord> AtMost(T value) => new CompareFilter<TRecord>(this, CompareOperator.LessOrEqual, StoredValue.From(value));

    public Filter<TRecord> GreaterThan(T value) => new CompareFilter<TRecord>(this, CompareOperator.Greater, StoredValue.From(value));

    public Filter<TRecord> AtLeast(T value) => new CompareFilter<TRecord>(this, CompareOperator.GreaterOrEqual, StoredValue.From(value));

    /// <summary>Rows with <paramref name="from"/> &lt;= value &lt; <paramref name="to"/> (half-open, so consecutive ranges never overlap).</summary>
    public Filter<TRecord> InRange(T from, T to) => AtLeast(from) & LessThan(to);

    /// <summary>Rows whose value is one of <paramref name="values"/> (an empty list matches nothing).</summary>
    public Filter<TRecord> In(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var stored = new List<object>();
        foreach (var value in values)
        {
            stored.Add(StoredValue.From(value));
        }

        return new InFilter<TRecord>(this, stored);
    }

    /// <summary>Rows whose value is one of <paramref name="values"/>.</summary>
    public Filter<TRecord> In(params T[] values) => In((IEnumerable<T>)values);
}
