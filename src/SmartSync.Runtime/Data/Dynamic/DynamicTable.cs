using System;
using System.Collections.Generic;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Data;

/// <summary>
/// A record table built at run time from the local data model, so the untyped API
/// (<see cref="LocalRecord"/>) runs on the same query machinery as generated tables.
/// </summary>
internal sealed class DynamicTable : RecordTable<LocalRecord, DynamicColumns>
{
    private readonly EntityTypeDefinition _definition;

    private DynamicTable(EntityTypeDefinition definition, IReadOnlyList<Column<LocalRecord>> columns, int keyOrdinal)
        : base(definition.Name, new DynamicColumns(definition.Name, columns), columns, keyOrdinal)
    {
        _definition = definition;
    }

    public static DynamicTable For(EntityTypeDefinition definition)
    {
        var columns = new List<Column<LocalRecord>>(definition.Properties.Count);
        var key = -1;
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            var property = definition.Properties[i];
            if (property.Name == definition.Key)
            {
                key = i;
            }

            // The generated record types' mapping (EdmTypes.ClrKindOf), so both describe a column alike; the untyped API
            // still hands integers out as long.
            columns.Add(EdmTypes.ClrKindOf(property.EdmType) switch
            {
                ColumnKind.Int32 => new ValueColumn<LocalRecord, long>(property.Name, ColumnKind.Int32, i),
                ColumnKind.Int64 => new ValueColumn<LocalRecord, long>(property.Name, ColumnKind.Int64, i),
                ColumnKind.Double => new ValueColumn<LocalRecord, double>(property.Name, ColumnKind.Double, i),
                ColumnKind.Decimal => new ValueColumn<LocalRecord, decimal>(property.Name, ColumnKind.Decimal, i),
                ColumnKind.Boolean => new ValueColumn<LocalRecord, bool>(property.Name, ColumnKind.Boolean, i),
                ColumnKind.Guid => new ValueColumn<LocalRecord, Guid>(property.Name, ColumnKind.Guid, i),
                ColumnKind.Date => new ValueColumn<LocalRecord, DateOnly>(property.Name, ColumnKind.Date, i),
                ColumnKind.DateTimeOffset => new ValueColumn<LocalRecord, DateTimeOffset>(property.Name, ColumnKind.DateTimeOffset, i),
                ColumnKind.Binary => new BinaryColumn<LocalRecord>(property.Name, i),
                _ => new TextColumn<LocalRecord>(property.Name, i),
            });
        }

        return new DynamicTable(definition, columns, key);
    }

    protected override LocalRecord Read(RecordReader reader)
    {
        var values = new Dictionary<string, object?>(Columns.Count, StringComparer.Ordinal);
        string? key = null;
        for (var i = 0; i < Columns.Count; i++)
        {
            var value = reader.GetStoredValue(i);
            if (value is long l && Columns[i].Kind == ColumnKind.Boolean)
            {
                value = l != 0;
            }

            values[Columns[i].Name] = value;
            if (i == KeyOrdinal)
            {
                key = value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var version = reader.Version;
        return new LocalRecord(_definition.Name, key ?? string.Empty, values, version.ETag, reader.HasPendingChanges);
    }

    protected override void Write(LocalRecord record, RecordWriter writer)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            writer.SetUntyped(i, record.Values.TryGetValue(Columns[i].Name, out var value) ? value : null);
        }
    }

    protected override string? GetKey(LocalRecord record) => record.Key;

    protected override bool AssignNewKey(LocalRecord record) => false;

    protected override RecordVersion GetVersion(LocalRecord record) => default;

    protected override void SetVersion(LocalRecord record, RecordVersion version)
    {
    }
}
