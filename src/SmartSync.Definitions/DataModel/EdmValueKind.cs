namespace SmartSync.Definitions.DataModel;

/// <summary>
/// How a property's values travel and are stored, derived from its EDM type. Client, server and
/// transport all classify types through <see cref="EdmTypes.KindOf"/>, so they never disagree.
/// </summary>
public enum EdmValueKind
{
    /// <summary>TEXT; a JSON string. Also the fallback for types SmartSync has no special handling for.</summary>
    String,

    /// <summary>INTEGER; a JSON integer (Int16/32/64, Byte, SByte).</summary>
    Integer,

    /// <summary>REAL; a JSON number (Double, Single).</summary>
    Double,

    /// <summary>TEXT holding the exact invariant decimal text; a JSON number.</summary>
    Decimal,

    /// <summary>INTEGER 0/1; a JSON boolean.</summary>
    Boolean,

    /// <summary>TEXT in "D" format; a JSON string.</summary>
    Guid,

    /// <summary>TEXT in ISO 8601 round-trip format; a JSON string (DateTimeOffset, Date).</summary>
    DateTimeOffset,
}
