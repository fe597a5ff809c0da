using System;
using System.Collections.Generic;

namespace SmartSync.Data;

/// <summary>
/// A text column. Equality and ordering are ordinal (culture-invariant, case-sensitive);
/// <see cref="StartsWith"/> and <see cref="Contains"/> use SQLite LIKE with the wildcards of the
/// argument escaped, which ignores case for ASCII letters only.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
#pragma warning disable CS0660, CS0661 // == builds a filter; equality of columns themselves is reference equality.
public sealed class TextColumn<TRecord> : Column<TRecord>
#pragma warning restore CS0660, CS0661
    where TRecord : class
{
    public TextColumn(string name, int ordinal)
        : base(name, ColumnKind.Text, ordinal)
    {
    }

    public static Filter<TRecord> operator ==(TextColumn<TRecord> column, string? value) => column.EqualTo(value);

    public static Filter<TRecord> operator !=(TextColumn<TRecord> column, string? value) => column.NotEqualTo(value);

    public static Filter<TRecord> operator <(TextColumn<TRecord> column, string value) => column.LessThan(value);

    public static Filter<TRecord> operator >(TextColumn<TRecord> column, string value) => column.GreaterThan(value);

    public static Filter<TRecord> operator <=(TextColumn<TRecord> column, string value) => column.AtMost(value);

    public static Filter<TRecord> operator >=(TextColumn<TRecord> column, string value) => column.AtLeast(value);

    /// <summary>Rows whose value equals <paramref name="value"/> ordinally; null means IS NULL.</summary>
    public Filter<TRecord> EqualTo(string? value) => value is null
        ? IsNull()
        : new CompareFilter<TRecord>(this, CompareOperator.Equal, value);

    /// <summary>Rows whose value differs from <paramref name="value"/>, nulls included; null means IS NOT NULL.</summary>
    public Filter<TRecord> NotEqualTo(string? value) => value is null
        ? IsNotNull()
        : new CompareFilter<TRecord>(this, CompareOperator.NotEqual, value);

    /// <summary>Ordinal comparison: rows whose value sorts before <paramref name="value"/>.</summary>
    public Filter<TRecord> LessThan(string value) => Compare(CompareOperator.Less, value);

    public Filter<TRecord> AtMost(string value) => Compare(CompareOperator.LessOrEqual, value);

    public Filter<TRecord> GreaterThan(string value) => Compare(CompareOperator.Greater, value);

    public Filter<TRecord> AtLeast(string value) => Compare(CompareOperator.GreaterOrEqual, value);

    /// <summary>Rows whose value starts with <paramref name="prefix"/> (ASCII case-insensitive; <c>%</c>, <c>_</c> and <c>\</c> are literal).</summary>
    public Filter<TRecord> StartsWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return new LikeFilter<TRecord>(this, LikePattern.Prefix(prefix));
    }

    /// <summary>Rows whose value contains <paramref name="text"/> (ASCII case-insensitive; <c>%</c>, <c>_</c> and <c>\</c> are literal).</summary>
    public Filter<TRecord> Contains(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new LikeFilter<TRecord>(this, LikePattern.Containing(text));
    }

    /// <summary>Rows whose value is one of <paramref name="values"/> (ordinal; an empty list matches nothing).</summary>
    public Filter<TRecord> In(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var stored = new List<object>();
        foreach (var value in values)
        {
            stored.Add(value ?? throw new ArgumentException("In() takes no null values; combine with IsNull().", nameof(values)));
        }

        return new InFilter<TRecord>(this, stored);
    }

    public Filter<TRecord> In(params string[] values) => In((IEnumerable<string>)values);

    private CompareFilter<TRecord> Compare(CompareOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new CompareFilter<TRecord>(this, op, value);
    }
}
