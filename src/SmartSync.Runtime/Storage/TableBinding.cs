using System;
using System.Text;
using SmartSync.Data;

namespace SmartSync.Storage;

/// <summary>
/// A generated record table bound to the local table it reads: which generated columns the local
/// schema has (a column the server's current data model lacks reads as null and is not written),
/// and the select list in generated ordinal order followed by the ETag, row-version and state columns.
/// </summary>
internal sealed class TableBinding
{
    private TableBinding(LocalTable table, string[] columnNames)
    {
        Table = table;
        Present = new bool[columnNames.Length];
        QuotedColumns = new string[columnNames.Length];
        var select = new StringBuilder();
        for (var i = 0; i < columnNames.Length; i++)
        {
            Present[i] = table.TryGetOrdinal(columnNames[i], out var ordinal);
            QuotedColumns[i] = Present[i] ? table.QuotedColumns[ordinal] : "NULL";
            select.Append(QuotedColumns[i]).Append(", ");
        }

        select.Append(LocalTable.ETagColumn).Append(", ").Append(LocalTable.VersionColumn).Append(", ").Append(LocalTable.StateColumn);
        SelectList = select.ToString();
    }

    public LocalTable Table { get; }

    /// <summary>Per generated ordinal: whether the local table has the column.</summary>
    public bool[] Present { get; }

    /// <summary>Per generated ordinal: the quoted column, or <c>NULL</c> when the local table lacks it.</summary>
    public string[] QuotedColumns { get; }

    public int ColumnCount => Present.Length;

    public string SelectList { get; }

    public static TableBinding For<TRecord>(LocalTable table, RecordTable<TRecord> shape)
        where TRecord : class
    {
        var names = new string[shape.Columns.Count];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = shape.Columns[i].Name;
        }

        if (!table.TryGetOrdinal(shape.KeyColumn.Name, out var key) || key != table.KeyOrdinal)
        {
            throw new InvalidOperationException(
                $"The generated key of '{shape.EntityName}' ('{shape.KeyColumn.Name}') is not the key of the local table ('{table.Definition.Key}'): rebuild the app against the current data model.");
        }

        return new TableBinding(table, names);
    }
}
