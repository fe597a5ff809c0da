namespace SmartSync.Data;

/// <summary>
/// The CLR shape of a column's values, derived from its EDM type (<c>EdmTypes.ClrKindOf</c>); decides how values are
/// stored and compared. It lives with the data model so the generated record types and the runtime's untyped tables
/// share one mapping: a row one of them stored is a row the other reads.
/// </summary>
public enum ColumnKind
{
    /// <summary><see cref="string"/>; TEXT, compared ordinally (binary collation).</summary>
    Text,

    /// <summary><see cref="int"/> (Edm.Int32, Int16, Byte, SByte); INTEGER.</summary>
    Int32,

    /// <summary><see cref="long"/> (Edm.Int64); INTEGER.</summary>
    Int64,

    /// <summary><see cref="double"/> (Edm.Double, Single); REAL.</summary>
    Double,

    /// <summary><see cref="decimal"/>; TEXT holding the invariant decimal text, compared numerically.</summary>
    Decimal,

    /// <summary><see cref="bool"/>; INTEGER 0/1.</summary>
    Boolean,

    /// <summary><see cref="System.Guid"/>; TEXT in lower-case "D" format.</summary>
    Guid,

    /// <summary><see cref="System.DateTimeOffset"/>; ISO 8601 TEXT, compared as instants (any offset).</summary>
    DateTimeOffset,

    /// <summary><c>DateOnly</c> (Edm.Date); TEXT <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary><see cref="T:byte[]"/> (Edm.Binary); base64 TEXT as the server sends it. Only null tests.</summary>
    Binary,
}
