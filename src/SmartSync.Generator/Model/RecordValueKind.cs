namespace SmartSync.Generator.Model;

/// <summary>
/// The CLR shape of a generated property; the member names match the runtime's
/// <c>SmartSync.Data.ColumnKind</c>, which generated column descriptors name.
/// </summary>
internal enum RecordValueKind
{
    Text,
    Int32,
    Int64,
    Double,
    Decimal,
    Boolean,
    Guid,
    DateTimeOffset,
    Date,
    Binary,
}
