using SmartSync.Definitions.DataModel;
using System.Globalization;
using SmartSync.Generator.Model;
using SmartSync.Data;

namespace SmartSync.Generator.Emit;

/// <summary>
/// Writes <c>RecordTypes.g.cs</c>: per app table a sealed record class with typed nullable
/// properties, its typed column descriptors and a table definition whose Read/Write methods are
/// plain generated code (no reflection, so NativeAOT and trimming keep working). See docs/data-access.md.
/// </summary>
internal static class RecordTypesEmitter
{
    public const string HintName = "RecordTypes.g.cs";

    private const string Data = "global::SmartSync.Data.";

    public static string Emit(RecordTypesModel model)
    {
        var writer = new IndentedWriter();
        GeneratedFile.WriteHeader(writer, model.DataModelFileName + " and " + model.SourceFileName);
        if (model.SkippedExcludeProfiles.Count > 0)
        {
            writer.Line("// No record types for the tables of Exclude-mode profiles (" + string.Join(", ", model.SkippedExcludeProfiles) + "): they would cover the whole data model.");
        }

        if (model.SkippedTables.Count > 0)
        {
            writer.Line("// No record types for tables without a single Guid, String, Int32 or Int64 key: " + string.Join(", ", model.SkippedTables) + ".");
        }

        writer.Line();
        writer.Line("namespace " + model.Namespace);
        writer.Open();
        for (var i = 0; i < model.Types.Count; i++)
        {
            if (i > 0)
            {
                writer.Line();
            }

            EmitType(writer, model.Types[i], model.DataModelFileName);
        }

        writer.Close();
        return writer.ToString();
    }

    private static void EmitType(IndentedWriter writer, RecordTypeModel type, string dataModelFileName)
    {
        var name = type.ClassName;
        var details = "entity set " + DocText.Code(type.EntitySetName ?? "?");
        if (type.BaseType is not null)
        {
            details += "; inherits " + DocText.Code(type.BaseType);
        }

        writer.Line("/// <summary>A record of the " + DocText.Code(type.LogicalName) + " table (" + details + ") of " + DocText.Code(dataModelFileName) + ".</summary>");
        writer.Line("/// <remarks>Query with <c>client.Records.Query(" + name + ".Table)</c>; write with <c>CreateAsync</c>, <c>UpdateAsync</c> and <c>DeleteAsync</c>. Every property is nullable: a row may lack any value.</remarks>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("public sealed partial class " + name + " : " + Data + "IRecord<" + name + ">");
        writer.Open();
        writer.Line("/// <summary>The " + DocText.Code(type.LogicalName) + " table: its columns, and how rows become records and back.</summary>");
        writer.Line("public static " + Data + "RecordTable<" + name + ", TableColumns> Table { get; } = new TableDefinition();");
        writer.Line();
        writer.Line("static " + Data + "RecordTable<" + name + "> " + Data + "IRecord<" + name + ">.Table => Table;");
        writer.Line();
        writer.Line("/// <summary>The typed columns of " + DocText.Code(type.LogicalName) + ", for filters, orderings and indexes.</summary>");
        writer.Line("public static TableColumns Columns => Table.ColumnSet;");
        writer.Line();
        writer.Line("/// <summary>The version of the row this record was read from; set by the store.</summary>");
        writer.Line("public " + Data + "RecordVersion Version { get; set; }");
        foreach (var property in type.Properties)
        {
            writer.Line();
            writer.Line("/// <summary>" + Describe(property) + "</summary>");
            writer.Line("public " + ClrType(property) + "? " + property.Identifier + " { get; set; }");
        }

        writer.Line();
        EmitColumns(writer, type);
        writer.Line();
        EmitDefinition(writer, type);
        writer.Close();
    }

    private static void EmitColumns(IndentedWriter writer, RecordTypeModel type)
    {
        var name = type.ClassName;
        writer.Line("/// <summary>The typed column descriptors of the " + DocText.Code(type.LogicalName) + " table.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("public sealed class TableColumns");
        writer.Open();
        writer.Line("internal TableColumns()");
        writer.Open();
        writer.Close();
        for (var i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            var ordinal = i.ToString(CultureInfo.InvariantCulture);
            var column = CSharpLiteral.String(property.Column);
            writer.Line();
            writer.Line("/// <summary>The column of <see cref=\"" + name + "." + property.Identifier + "\"/>: " + DocText.Code(property.Column) + ".</summary>");
            var (columnType, arguments) = property switch
            {
                { LookupTargetClass: { } target } => (Data + "LookupColumn<" + name + ", " + target + ">", column + ", " + ordinal),
                { Kind: ColumnKind.Text } => (Data + "TextColumn<" + name + ">", column + ", " + ordinal),
                { Kind: ColumnKind.Binary } => (Data + "BinaryColumn<" + name + ">", column + ", " + ordinal),
                _ => (Data + "ValueColumn<" + name + ", " + ClrType(property) + ">", column + ", " + Data + "ColumnKind." + property.Kind + ", " + ordinal),
            };
            writer.Line("public " + columnType + " " + property.Identifier + " { get; } = new(" + arguments + ");");
        }

        writer.Line();
        writer.Line("internal " + Data + "Column<" + name + ">[] All() =>");
        writer.Line("[");
        using (writer.Indent())
        {
            foreach (var property in type.Properties)
            {
                writer.Line(property.Identifier + ",");
            }
        }

        writer.Line("];");
        writer.Close();
    }

    private static void EmitDefinition(IndentedWriter writer, RecordTypeModel type)
    {
        var name = type.ClassName;
        var key = type.Properties[type.KeyOrdinal];
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("private sealed class TableDefinition : " + Data + "RecordTable<" + name + ", TableColumns>");
        writer.Open();
        writer.Line("public TableDefinition()");
        writer.Line("    : this(new TableColumns())");
        writer.Open();
        writer.Close();
        writer.Line();
        writer.Line("private TableDefinition(TableColumns columns)");
        writer.Line("    : base(" + CSharpLiteral.String(type.LogicalName) + ", columns, columns.All(), " + type.KeyOrdinal.ToString(CultureInfo.InvariantCulture) + ")");
        writer.Open();
        writer.Close();
        writer.Line();
        writer.Line("protected override " + name + " Read(" + Data + "RecordReader reader) => new " + name);
        writer.Open();
        for (var i = 0; i < type.Properties.Count; i++)
        {
            var property = type.Properties[i];
            writer.Line(property.Identifier + " = reader." + Getter(property) + "(" + i.ToString(CultureInfo.InvariantCulture) + "),");
        }

        writer.Line("Version = reader.Version,");
        writer.Close(";");
        writer.Line();
        writer.Line("protected override void Write(" + name + " record, " + Data + "RecordWriter writer)");
        writer.Open();
        for (var i = 0; i < type.Properties.Count; i++)
        {
            writer.Line("writer.Set(" + i.ToString(CultureInfo.InvariantCulture) + ", record." + type.Properties[i].Identifier + ");");
        }

        writer.Close();
        writer.Line();
        writer.Line("protected override string? GetKey(" + name + " record) => " + key.Kind switch
        {
            ColumnKind.Guid => "record." + key.Identifier + "?.ToString(\"D\");",
            ColumnKind.Text => "record." + key.Identifier + ";",
            _ => "record." + key.Identifier + "?.ToString(global::System.Globalization.CultureInfo.InvariantCulture);",
        });
        writer.Line();
        writer.Line("protected override bool AssignNewKey(" + name + " record)");
        writer.Open();
        if (key.Kind == ColumnKind.Guid)
        {
            writer.Line("record." + key.Identifier + " = global::System.Guid.NewGuid();");
            writer.Line("return true;");
        }
        else
        {
            writer.Line("return false;");
        }

        writer.Close();
        writer.Line();
        writer.Line("protected override " + Data + "RecordVersion GetVersion(" + name + " record) => record.Version;");
        writer.Line();
        writer.Line("protected override void SetVersion(" + name + " record, " + Data + "RecordVersion version) => record.Version = version;");
        writer.Close();
    }

    private static string Describe(RecordPropertyModel property)
    {
        var text = DocText.Code(property.Column) + " (" + DocText.Escape(property.EdmType);
        if (property.MaxLength is { } max)
        {
            text += ", at most " + max.ToString(CultureInfo.InvariantCulture) + " characters";
        }

        if (!property.Nullable)
        {
            text += ", required";
        }

        text += ")";
        if (property.IsKey)
        {
            text += ": the key" + (property.Kind == ColumnKind.Guid ? " (generated by CreateAsync when null)" : string.Empty);
        }

        if (property.LookupTargetClass is not null)
        {
            text += ": the lookup " + DocText.Code(property.Lookup!) + " to <see cref=\"" + property.LookupTargetClass + "\"/> (" + DocText.Code(property.LookupTargetEntity!) + ")";
        }

        return text + ".";
    }

    private static string ClrType(RecordPropertyModel property) => property.LookupTargetClass is { } target
        ? Data + "RecordReference<" + target + ">"
        : property.Kind switch
        {
            ColumnKind.Text => "string",
            ColumnKind.Int32 => "int",
            ColumnKind.Int64 => "long",
            ColumnKind.Double => "double",
            ColumnKind.Decimal => "decimal",
            ColumnKind.Boolean => "bool",
            ColumnKind.Guid => "global::System.Guid",
            ColumnKind.DateTimeOffset => "global::System.DateTimeOffset",
            ColumnKind.Date => "global::System.DateOnly",
            _ => "byte[]",
        };

    private static string Getter(RecordPropertyModel property) => property.LookupTargetClass is { } target
        ? "GetReference<" + target + ">"
        : property.Kind switch
        {
            ColumnKind.Text => "GetString",
            ColumnKind.Int32 => "GetInt32",
            ColumnKind.Int64 => "GetInt64",
            ColumnKind.Double => "GetDouble",
            ColumnKind.Decimal => "GetDecimal",
            ColumnKind.Boolean => "GetBoolean",
            ColumnKind.Guid => "GetGuid",
            ColumnKind.DateTimeOffset => "GetDateTimeOffset",
            ColumnKind.Date => "GetDate",
            _ => "GetBinary",
        };
}
