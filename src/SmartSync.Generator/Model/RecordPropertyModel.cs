using SmartSync.Definitions.DataModel;
using SmartSync.Data;

namespace SmartSync.Generator.Model;

/// <summary>One property (and column descriptor) of a generated record type.</summary>
/// <param name="Identifier">The C# property name.</param>
/// <param name="Column">The attribute's logical name (the local column).</param>
/// <param name="EdmType">The EDM type, quoted in the doc comment.</param>
/// <param name="Kind">The CLR shape.</param>
/// <param name="IsKey">Whether this is the table's key.</param>
/// <param name="Nullable">Whether the model allows null (the property is nullable either way: rows may lack the value).</param>
/// <param name="MaxLength">The declared maximum length, if any.</param>
/// <param name="Lookup">The lookup's navigation name, when the column is a typed lookup.</param>
/// <param name="LookupTargetEntity">The entity the lookup points to.</param>
/// <param name="LookupTargetClass">The generated record type of that entity.</param>
internal sealed record RecordPropertyModel(
    string Identifier,
    string Column,
    string EdmType,
    ColumnKind Kind,
    bool IsKey,
    bool Nullable,
    int? MaxLength,
    string? Lookup,
    string? LookupTargetEntity,
    string? LookupTargetClass);
