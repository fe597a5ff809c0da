using SmartSync.Definitions.Collections;

namespace SmartSync.Definitions.DataModel;

/// <summary>
/// An entity type with inheritance already resolved: <see cref="Key"/>, <see cref="Properties"/> and
/// <see cref="Lookups"/> include what the base types declare.
/// </summary>
/// <param name="Name">The logical name, e.g. <c>task</c>.</param>
/// <param name="EntitySetName">The entity set the server exposes it under, or null when it has none.</param>
/// <param name="BaseType">The logical name of the base type, if any.</param>
/// <param name="IsAbstract">Whether the type is abstract.</param>
/// <param name="Key">
/// The key property's name, declared on the type or inherited (SmartSync supports single-property keys);
/// null only for an abstract type with no key in its chain, such as Dataverse's <c>crmbaseentity</c>.
/// </param>
/// <param name="Properties">Structural properties SmartSync stores, base-type ones first.</param>
/// <param name="Lookups">Single-valued navigation properties, base-type ones first.</param>
/// <param name="SkippedProperties">Structural properties SmartSync cannot store (streams, collections, complex, geo), base-type ones first.</param>
public sealed record EntityTypeDefinition(
    string Name,
    string? EntitySetName,
    string? BaseType,
    bool IsAbstract,
    string? Key,
    EquatableArray<PropertyDefinition> Properties,
    EquatableArray<LookupDefinition> Lookups,
    EquatableArray<SkippedProperty> SkippedProperties = default)
{
    /// <summary>Whether the server exposes the entity with a key, so it can be synced.</summary>
    public bool IsSyncable => EntitySetName is not null && Key is not null;

    /// <summary>The key of a syncable entity; throws for an abstract keyless type.</summary>
    /// <remarks>A method, not a property: records print their properties, and a keyless type must print without throwing.</remarks>
    public string RequireKey() => Key ?? throw new System.InvalidOperationException($"Entity type '{Name}' has no key.");

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
