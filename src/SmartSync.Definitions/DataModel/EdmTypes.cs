using SmartSync.Data;

namespace SmartSync.Definitions.DataModel;

/// <summary>The one mapping from EDM primitive type names to value kinds and SQLite column affinities.</summary>
internal static class EdmTypes
{
    public static EdmValueKind KindOf(string edmType) => edmType switch
    {
        "Edm.Int16" or "Edm.Int32" or "Edm.Int64" or "Edm.Byte" or "Edm.SByte" => EdmValueKind.Integer,
        "Edm.Double" or "Edm.Single" => EdmValueKind.Double,
        "Edm.Decimal" => EdmValueKind.Decimal,
        "Edm.Boolean" => EdmValueKind.Boolean,
        "Edm.Guid" => EdmValueKind.Guid,
        "Edm.DateTimeOffset" or "Edm.Date" => EdmValueKind.DateTimeOffset,
        _ => EdmValueKind.String,
    };

    /// <summary>The CLR shape of values of <paramref name="edmType"/>: generated record types and the runtime's untyped tables both use it.</summary>
    public static ColumnKind ClrKindOf(string edmType) => edmType switch
    {
        "Edm.Int16" or "Edm.Int32" or "Edm.Byte" or "Edm.SByte" => ColumnKind.Int32,
        "Edm.Int64" => ColumnKind.Int64,
        "Edm.Double" or "Edm.Single" => ColumnKind.Double,
        "Edm.Decimal" => ColumnKind.Decimal,
        "Edm.Boolean" => ColumnKind.Boolean,
        "Edm.Guid" => ColumnKind.Guid,
        "Edm.DateTimeOffset" => ColumnKind.DateTimeOffset,
        "Edm.Date" => ColumnKind.Date,
        "Edm.Binary" => ColumnKind.Binary,
        _ => ColumnKind.Text,
    };

    /// <summary>The SQLite column type for a kind: decimals, GUIDs and dates stay text so nothing is lost.</summary>
    public static string SqliteAffinity(EdmValueKind kind) => kind switch
    {
        EdmValueKind.Integer or EdmValueKind.Boolean => "INTEGER",
        EdmValueKind.Double => "REAL",
        _ => "TEXT",
    };
}
