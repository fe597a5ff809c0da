using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SmartSync.Data;

namespace SmartSync.Storage;

/// <summary>
/// Translates a typed query into one parameterised SQLite statement. Values only ever travel as
/// parameters; identifiers come from the validated local schema. Comparisons are culture-invariant:
/// text compares ordinally (binary collation), date-times as instants through <c>julianday()</c>
/// (so stored offsets do not matter), decimals numerically.
/// </summary>
internal sealed class RecordQuerySql : IFilterVisitor
{
    private readonly TableBinding _binding;
    private readonly StringBuilder _sql = new();
    private readonly List<(string Name, object? Value)> _parameters = [];

    private RecordQuerySql(TableBinding binding)
    {
        _binding = binding;
    }

    public static (string Sql, (string Name, object? Value)[] Parameters) Select<TRecord>(QuerySpec<TRecord> spec, TableBinding binding)
        where TRecord : class
    {
        var query = new RecordQuerySql(binding);
        query._sql.Append("SELECT ").Append(binding.SelectList).Append(" FROM ").Append(binding.Table.QuotedName);
        query.AppendWhere(spec.Filters);
        query.AppendOrder(spec.Orders);
        query.AppendLimit(spec.Skip, spec.Take);
        return (query._sql.ToString(), query._parameters.ToArray());
    }

    public static (string Sql, (string Name, object? Value)[] Parameters) Count<TRecord>(QuerySpec<TRecord> spec, TableBinding binding)
        where TRecord : class
    {
        var query = new RecordQuerySql(binding);
        var paged = spec.Skip > 0 || spec.Take is not null;
        query._sql.Append(paged ? "SELECT COUNT(*) FROM (SELECT 1 FROM " : "SELECT COUNT(*) FROM ").Append(binding.Table.QuotedName);
        query.AppendWhere(spec.Filters);
        if (paged)
        {
            query.AppendLimit(spec.Skip, spec.Take);
            query._sql.Append(')');
        }

        return (query._sql.ToString(), query._parameters.ToArray());
    }

    /// <summary>The expression an index must be built on for filters and orderings of this column to use it.</summary>
    public static string IndexExpression(RecordColumn column, string quotedColumn) => Expression(column.Kind, quotedColumn);

    public void Compare(RecordColumn column, CompareOperator op, object value)
    {
        _sql.Append(ColumnExpression(column)).Append(op switch
        {
            CompareOperator.Equal => " = ",
            CompareOperator.NotEqual => " IS NOT ",
            CompareOperator.Less => " < ",
            CompareOperator.LessOrEqual => " <= ",
            CompareOperator.Greater => " > ",
            _ => " >= ",
        });
        _sql.Append(Expression(column.Kind, Parameter(value)));
    }

    public void In(RecordColumn column, IReadOnlyList<object> values)
    {
        if (values.Count == 0)
        {
            _sql.Append('0');
            return;
        }

        _sql.Append(ColumnExpression(column)).Append(" IN (");
        for (var i = 0; i < values.Count; i++)
        {
            _sql.Append(i == 0 ? string.Empty : ", ").Append(Expression(column.Kind, Parameter(values[i])));
        }

        _sql.Append(')');
    }

    public void Like(RecordColumn column, string pattern) =>
        _sql.Append(_binding.QuotedColumns[column.Ordinal]).Append(" LIKE ").Append(Parameter(pattern)).Append(" ESCAPE '\\'");

    public void Null(RecordColumn column, bool isNull) =>
        _sql.Append(_binding.QuotedColumns[column.Ordinal]).Append(isNull ? " IS NULL" : " IS NOT NULL");

    public void And(IFilterNode left, IFilterNode right) => Binary(left, " AND ", right);

    public void Or(IFilterNode left, IFilterNode right) => Binary(left, " OR ", right);

    public void Not(IFilterNode operand)
    {
        // NOT of a comparison with a null operand is null, not true: rows with nulls stay out, as in SQL.
        _sql.Append("NOT (");
        operand.Accept(this);
        _sql.Append(')');
    }

    private static string Expression(ColumnKind kind, string operand) => kind switch
    {
        ColumnKind.DateTimeOffset => "julianday(" + operand + ")",
        ColumnKind.Decimal => "CAST(" + operand + " AS REAL)",
        _ => operand,
    };

    private string ColumnExpression(RecordColumn column) => Expression(column.Kind, _binding.QuotedColumns[column.Ordinal]);

    private void Binary(IFilterNode left, string op, IFilterNode right)
    {
        _sql.Append('(');
        left.Accept(this);
        _sql.Append(op);
        right.Accept(this);
        _sql.Append(')');
    }

    private void AppendWhere(IReadOnlyList<IFilterNode> filters)
    {
        _sql.Append(" WHERE ").Append(LocalTable.StateColumn).Append(" <> 2");
        foreach (var filter in filters)
        {
            _sql.Append(" AND (");
            filter.Accept(this);
            _sql.Append(')');
        }
    }

    private void AppendOrder(IReadOnlyList<OrderTerm> orders)
    {
        _sql.Append(" ORDER BY ");
        foreach (var order in orders)
        {
            _sql.Append(ColumnExpression(order.Column)).Append(order.Descending ? " DESC, " : ", ");
        }

        // The key breaks ties, so pages (Skip/Take) are stable.
        _sql.Append(_binding.Table.QuotedKey);
    }

    private void AppendLimit(int skip, int? take)
    {
        if (take is null && skip == 0)
        {
            return;
        }

        _sql.Append(" LIMIT ").Append(take is { } t ? t.ToString(CultureInfo.InvariantCulture) : "-1");
        if (skip > 0)
        {
            _sql.Append(" OFFSET ").Append(skip.ToString(CultureInfo.InvariantCulture));
        }
    }

    private string Parameter(object? value)
    {
        var name = "$p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add((name, value));
        return name;
    }
}
