using SmartSync.Data;

namespace SmartSync.Definitions.DataModel;

/// <summary>The one mapping from EDM primitive type names to value kinds and SQLite column affinities.</summary>
internal static class EdmTypes
{
    /// <summary>How values of <paramref name="edmType"/> travel and are stored: derived from <see cref="ClrKindOf"/>, so the EDM names are listed once.</summary>
    public static EdmValueKind KindOf(string edmType) => ClrKindOf(edmType) switch
    {
        ColumnKind.Int32 or ColumnKind.Int64 => EdmValueKind.Integer,
        ColumnKind.Double => EdmValueKind.Double,
        ColumnKind.Decimal => EdmValueKind.Decimal,
        ColumnKind.Boolean => EdmValueKind.Boolean,
        ColumnKind.Guid => EdmValueKind.Guid,
        ColumnKind.DateTimeOffset or ColumnKind.Date => EdmValueKind.DateTimeOffset,
        _ => EdmValueKind.String, // text and binary (base64 text)
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
