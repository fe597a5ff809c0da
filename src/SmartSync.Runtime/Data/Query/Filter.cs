using System;

namespace SmartSync.Data;

/// <summary>
/// A condition on rows of <typeparamref name="TRecord"/>'s table, built from its typed columns
/// (<c>t.StateCode == 0 &amp; t.ScheduledEnd &lt; end</c>) and translated to parameterised SQL by the store.
/// Combine with <c>&amp;</c>, <c>|</c> and <c>!</c>.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public abstract class Filter<TRecord>
    where TRecord : class
{
    private protected Filter()
    {
    }

    public static Filter<TRecord> operator &(Filter<TRecord> left, Filter<TRecord> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new AndFilter<TRecord>(left, right);
    }

    public static Filter<TRecord> operator |(Filter<TRecord> left, Filter<TRecord> right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new OrFilter<TRecord>(left, right);
    }

    public static Filter<TRecord> operator !(Filter<TRecord> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new NotFilter<TRecord>(filter);
    }

    /// <summary>Lets <c>a &amp;&amp; b</c> mean <c>a &amp; b</c> (a filter is never known true or false before SQLite runs it).</summary>
    public static bool operator true(Filter<TRecord> filter) => false;

    public static bool operator false(Filter<TRecord> filter) => false;

    internal abstract void Accept(IFilterVisitor visitor);
}
