using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Data;

/// <summary>
/// A query over one local table, composed from its typed columns and executed by SQLite:
/// <code>
/// var due = await client.Records.Query(TaskRecord.Table)
///     .Where(t =&gt; t.StateCode == 0 &amp; t.ScheduledEnd.InRange(monday, nextMonday))
///     .OrderBy(t =&gt; t.ScheduledEnd)
///     .Take(50)
///     .ToListAsync(ct);
/// </code>
/// Each method returns a new query (queries are immutable and can be reused). Nothing runs until
/// <see cref="ToListAsync"/>, <see cref="CountAsync"/>, <see cref="FirstOrDefaultAsync"/>,
/// <see cref="AsAsyncEnumerable"/> or <see cref="Observe"/>. Rows deleted on the device are never returned.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
/// <typeparam name="TColumns">The table's typed column set.</typeparam>
public sealed class RecordQuery<TRecord, TColumns>
    where TRecord : class
{
    private static readonly IReadOnlyList<IFilterNode> NoFilters = [];
    private static readonly IReadOnlyList<OrderTerm> NoOrders = [];
    private readonly IRecordQueryExecutor _executor;
    private readonly RecordTable<TRecord, TColumns> _table;
    private readonly QuerySpec<TRecord> _spec;

    internal RecordQuery(IRecordQueryExecutor executor, RecordTable<TRecord, TColumns> table)
        : this(executor, table, new QuerySpec<TRecord>(table, NoFilters, NoOrders, 0, null))
    {
    }

    private RecordQuery(IRecordQueryExecutor executor, RecordTable<TRecord, TColumns> table, QuerySpec<TRecord> spec)
    {
        _executor = executor;
        _table = table;
        _spec = spec;
    }

    internal QuerySpec<TRecord> Spec => _spec;

    /// <summary>Keeps the rows matching <paramref name="filter"/> (several Where calls combine with AND).</summary>
    public RecordQuery<TRecord, TColumns> Where(Func<TColumns, Filter<TRecord>> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Where(filter(_table.ColumnSet));
    }

    /// <summary>Keeps the rows matching <paramref name="filter"/>.</summary>
    public RecordQuery<TRecord, TColumns> Where(Filter<TRecord> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return With(_spec with { Filters = Append(_spec.Filters, (IFilterNode)filter) });
    }

    /// <summary>Sorts by a column, ascending (nulls first); replaces any earlier ordering.</summary>
    public RecordQuery<TRecord, TColumns> OrderBy(Func<TColumns, Column<TRecord>> column) => Order(column, descending: false, then: false);

    /// <summary>Sorts by a column, descending (nulls last); replaces any earlier ordering.</summary>
    public RecordQuery<TRecord, TColumns> OrderByDescending(Func<TColumns, Column<TRecord>> column) => Order(column, descending: true, then: false);

    /// <summary>Sorts rows that tie on the earlier orderings.</summary>
    public RecordQuery<TRecord, TColumns> ThenBy(Func<TColumns, Column<TRecord>> column) => Order(column, descending: false, then: true);

    public RecordQuery<TRecord, TColumns> ThenByDescending(Func<TColumns, Column<TRecord>> column) => Order(column, descending: true, then: true);

    /// <summary>Skips <paramref name="count"/> rows (with an ordering, for stable pages; ties are broken by key).</summary>
    public RecordQuery<TRecord, TColumns> Skip(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(_spec with { Skip = count });
    }

    /// <summary>Returns at most <paramref name="count"/> rows.</summary>
    public RecordQuery<TRecord, TColumns> Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(_spec with { Take = count });
    }

    /// <summary>Runs the query and returns the records.</summary>
    public Task<List<TRecord>> ToListAsync(CancellationToken cancellationToken = default) => _executor.ListAsync(_spec, cancellationToken);

    /// <summary>The first record, or null.</summary>
    public async Task<TRecord?> FirstOrDefaultAsync(CancellationToken cancellationToken = default)
    {
        var list = await _executor.ListAsync(_spec with { Take = 1 }, cancellationToken).ConfigureAwait(false);
        return list.Count > 0 ? list[0] : null;
    }

    /// <summary>Counts the matching rows in SQLite (Skip and Take apply).</summary>
    public Task<long> CountAsync(CancellationToken cancellationToken = default) => _executor.CountAsync(_spec, cancellationToken);

    /// <summary>Streams the records one by one; memory stays flat however many rows match.</summary>
    public IAsyncEnumerable<TRecord> AsAsyncEnumerable(CancellationToken cancellationToken = default) => _executor.StreamAsync(_spec, cancellationToken);

    /// <summary>
    /// A live view of the query: subscribers get the results at once, then again whenever rows of the
    /// table change (app writes and sync downloads alike), at most once per <paramref name="coalesceWindow"/>
    /// (default 100 ms). Driven by the store's change notifications; nothing polls.
    /// </summary>
    public LiveQuery<TRecord> Observe(TimeSpan? coalesceWindow = null)
    {
        var window = coalesceWindow ?? LiveQuery<TRecord>.DefaultWindow;
        if (window < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(coalesceWindow));
        }

        return new LiveQuery<TRecord>(_executor, _spec, window);
    }

    private RecordQuery<TRecord, TColumns> Order(Func<TColumns, Column<TRecord>> column, bool descending, bool then)
    {
        ArgumentNullException.ThrowIfNull(column);
        var term = new OrderTerm(column(_table.ColumnSet) ?? throw new ArgumentException("The column selector returned null.", nameof(column)), descending);
        if (then && _spec.Orders.Count == 0)
        {
            throw new InvalidOperationException("ThenBy needs an OrderBy before it.");
        }

        return With(_spec with { Orders = then ? Append(_spec.Orders, term) : [term] });
    }

    private RecordQuery<TRecord, TColumns> With(QuerySpec<TRecord> spec) => new(_executor, _table, spec);

    private static T[] Append<T>(IReadOnlyList<T> list, T item)
    {
        var copy = new T[list.Count + 1];
        for (var i = 0; i < list.Count; i++)
        {
            copy[i] = list[i];
        }

        copy[^1] = item;
        return copy;
    }
}
