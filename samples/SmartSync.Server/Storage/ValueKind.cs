namespace SmartSync.Server.Storage;

/// <summary>How an EDM primitive type is stored in SQLite and written to JSON.</summary>
internal enum ValueKind
{
    /// <summary>TEXT, JSON string.</summary>
    String,

    /// <summary>INTEGER, JSON integer.</summary>
    Integer,

    /// <summary>REAL, JSON number.</summary>
    Double,

    /// <summary>TEXT holding the invariant decimal text, JSON number (exact).</summary>
    Decimal,

    /// <summary>INTEGER 0/1, JSON true/false.</summary>
    Boolean,

    /// <summary>TEXT holding the lower-case "D" form, JSON string.</summary>
    Guid,

    /// <summary>TEXT holding ISO 8601 round-trip form, JSON string.</summary>
    DateTimeOffset,
}
