namespace SmartSync.Definitions.DataModel;

/// <summary>
/// The CLR shape of a stored EDM value, from <see cref="EdmTypes.ClrKindOf"/>: the one mapping the generated record types
/// and the runtime's untyped tables share, so a row one of them stored is a row the other reads. The member names match
/// the runtime's <c>SmartSync.Data.ColumnKind</c>.
/// </summary>
internal enum EdmClrKind
{
    /// <summary><see cref="string"/> (Edm.String, enum members, and anything without a closer shape).</summary>
    Text,

    /// <summary><see cref="int"/> (Edm.Int32, Int16, Byte, SByte): a stored value must fit in 32 bits.</summary>
    Int32,

    /// <summary><see cref="long"/> (Edm.Int64).</summary>
    Int64,

    /// <summary><see cref="double"/> (Edm.Double, Single).</summary>
    Double,

    /// <summary><see cref="decimal"/> (Edm.Decimal).</summary>
    Decimal,

    /// <summary><see cref="bool"/> (Edm.Boolean).</summary>
    Boolean,

    /// <summary><see cref="System.Guid"/> (Edm.Guid).</summary>
    Guid,

    /// <summary><see cref="System.DateTimeOffset"/> (Edm.DateTimeOffset).</summary>
    DateTimeOffset,

    /// <summary>A calendar date (Edm.Date).</summary>
    Date,

    /// <summary>A byte array (Edm.Binary), stored as the base64 text the server sends.</summary>
    Binary,
}
