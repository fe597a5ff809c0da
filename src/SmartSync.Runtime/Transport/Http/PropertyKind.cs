namespace SmartSync.Transport.Http;

/// <summary>How a property's JSON value is read into <see cref="RecordValues"/>.</summary>
internal enum PropertyKind
{
    /// <summary>JSON string -> <see cref="string"/>.</summary>
    String,

    /// <summary>JSON integer -> <see cref="long"/>.</summary>
    Integer,

    /// <summary>JSON number -> <see cref="double"/>.</summary>
    Double,

    /// <summary>JSON number (or numeric string) -> its invariant text, exactly as sent.</summary>
    Decimal,

    /// <summary>JSON true/false -> <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>JSON string holding a GUID -> the string.</summary>
    Guid,

    /// <summary>JSON string holding an ISO 8601 date/time -> the string.</summary>
    DateTimeOffset,
}
