using System.Collections.Generic;

namespace SmartSync.Data;

/// <summary>An ordering term: a column and its direction.</summary>
internal readonly record struct OrderTerm(RecordColumn Column, bool Descending);

/// <summary>What a query asks for, as the store's SQL translator reads it. Immutable.</summary>
internal sealed record QuerySpec<TRecord>(
    RecordTable<TRecord> Table,
    IReadOnlyList<IFilterNode> Filters,
    IReadOnlyList<OrderTerm> Orders,
    int Skip,
    int? Take)
    where TRecord : class;
