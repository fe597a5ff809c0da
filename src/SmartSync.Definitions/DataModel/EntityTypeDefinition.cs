using SmartSync.Definitions.Collections;

namespace SmartSync.Definitions.DataModel;

/// <summary>
/// An entity type with inheritance already resolved: <see cref="Properties"/> and
/// <see cref="Lookups"/> include what the base types declare.
/// </summary>
/// <param name="Name">The logical name, e.g. <c>task</c>.</param>
/// <param name="EntitySetName">The entity set the server exposes it under, or null when it has none.</param>
/// <param name="BaseType">The logical name of the base type, if any.</param>
/// <param name="IsAbstract">Whether the type is abstract.</param>
/// <param name="Key">The key property's name (SmartSync supports single-property keys).</param>
/// <param name="Properties">Structural properties, base-type ones first.</param>
/// <param name="Lookups">Single-valued navigation properties, base-type ones first.</param>
public sealed record EntityTypeDefinition(
    string Name,
    string? EntitySetName,
    string? BaseType,
    bool IsAbstract,
    string Key,
    EquatableArray<PropertyDefinition> Properties,
    EquatableArray<LookupDefinition> Lookups)
{
    /// <summary>Whether the server exposes the entity, so it can be synced.</summary>
    public bool IsSyncable => EntitySetName is not null;

    public PropertyDefinition? FindProperty(string name)
    {
        foreach (var property in Properties)
        {
            if (property.Name == name)
            {
                return property;
            }
        }

        return null;
    }
}
