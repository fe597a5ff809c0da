using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;

namespace SmartSync.Definitions.DataModel;

/// <summary>
/// The entity schema read from an OData CSDL document (docs/architecture.md). Immutable, value-equatable.
/// Entity names are matched ordinally, as Dataverse logical names are.
/// </summary>
public sealed class EntityDataModel : IEquatable<EntityDataModel>
{
    private readonly Dictionary<string, EntityTypeDefinition> _byName;

    public EntityDataModel(string schemaNamespace, EquatableArray<EntityTypeDefinition> entities, EquatableArray<UnusableEntityType> unusable = default)
    {
        Namespace = schemaNamespace;
        Entities = entities;
        Unusable = unusable;
        _byName = new Dictionary<string, EntityTypeDefinition>(StringComparer.Ordinal);
        foreach (var entity in entities)
        {
            _byName[entity.Name] = entity;
        }
    }

    public string Namespace { get; }

    /// <summary>Every entity type, in document order.</summary>
    public EquatableArray<EntityTypeDefinition> Entities { get; }

    /// <summary>Entity types the server exposes through an entity set.</summary>
    public IEnumerable<EntityTypeDefinition> SyncableEntities => Entities.Where(e => e.IsSyncable);

    /// <summary>Entity types the document declares that SmartSync cannot use, with the reason; not in <see cref="Entities"/>.</summary>
    public EquatableArray<UnusableEntityType> Unusable { get; }

    public IEnumerable<string> EntityNames => Entities.Select(e => e.Name);

    public bool Contains(string name) => _byName.ContainsKey(name);

    public EntityTypeDefinition? Find(string name) => _byName.TryGetValue(name, out var entity) ? entity : null;

    /// <summary>Why the named type cannot be used, or null when it is usable or not declared at all.</summary>
    public string? UnusableReason(string name)
    {
        foreach (var type in Unusable)
        {
            if (type.Name == name)
            {
                return type.Reason;
            }
        }

        return null;
    }

    public bool Equals(EntityDataModel? other) =>
        other is not null && Namespace == other.Namespace && Entities.Equals(other.Entities) && Unusable.Equals(other.Unusable);

    public override bool Equals(object? obj) => Equals(obj as EntityDataModel);

    public override int GetHashCode() => unchecked((Namespace.GetHashCode() * 397) ^ Entities.GetHashCode());
}
