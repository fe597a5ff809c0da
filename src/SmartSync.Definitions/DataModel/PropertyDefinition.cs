namespace SmartSync.Definitions.DataModel;

/// <summary>A structural property of an entity type.</summary>
/// <param name="Name">The attribute's logical name.</param>
/// <param name="EdmType">The EDM primitive type name, e.g. <c>Edm.String</c>.</param>
/// <param name="Nullable">Whether the attribute accepts null.</param>
/// <param name="MaxLength">The declared maximum length, when any.</param>
public sealed record PropertyDefinition(string Name, string EdmType, bool Nullable, int? MaxLength)
{
    /// <summary>How values of this property travel and are stored.</summary>
    public EdmValueKind Kind => EdmTypes.KindOf(EdmType);
}
