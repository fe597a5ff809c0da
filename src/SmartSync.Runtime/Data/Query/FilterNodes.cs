using System.Collections.Generic;

namespace SmartSync.Data;

// The filter tree's node types. They hold columns and already-encoded values (see StoredValue);
// the store's SQL translator (Storage/RecordQuerySql) walks them through IFilterVisitor.

/// <summary>Walks a filter tree (the store's SQL translator implements it).</summary>
internal interface IFilterVisitor
{
    void Compare(RecordColumn column, CompareOperator op, object value);

    void In(RecordColumn column, IReadOnlyList<object> values);

    void Like(RecordColumn column, string pattern);

    void Null(RecordColumn column, bool isNull);

    void And(IFilterNode left, IFilterNode right);

    void Or(IFilterNode left, IFilterNode right);

    void Not(IFilterNode operand);
}

/// <summary>A node of any record type's filter tree.</summary>
internal interface IFilterNode
{
    void Accept(IFilterVisitor visitor);
}

internal sealed class CompareFilter<TRecord>(RecordColumn column, CompareOperator op, object value) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.Compare(column, op, value);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}

internal sealed class InFilter<TRecord>(RecordColumn column, IReadOnlyList<object> values) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.In(column, values);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}

internal sealed class LikeFilter<TRecord>(RecordColumn column, string pattern) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.Like(column, pattern);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}

internal sealed class NullFilter<TRecord>(RecordColumn column, bool isNull) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.Null(column, isNull);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}

internal sealed class AndFilter<TRecord>(Filter<TRecord> left, Filter<TRecord> right) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.And((IFilterNode)left, (IFilterNode)right);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}

internal sealed class OrFilter<TRecord>(Filter<TRecord> left, Filter<TRecord> right) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.Or((IFilterNode)left, (IFilterNode)right);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}

internal sealed class NotFilter<TRecord>(Filter<TRecord> operand) : Filter<TRecord>, IFilterNode
    where TRecord : class
{
    internal override void Accept(IFilterVisitor visitor) => visitor.Not((IFilterNode)operand);

    void IFilterNode.Accept(IFilterVisitor visitor) => Accept(visitor);
}
