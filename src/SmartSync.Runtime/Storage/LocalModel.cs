using System;
using System.Collections.Generic;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Storage;

/// <summary>The data model the local tables were created from, with one <see cref="EntityTable"/> per syncable entity.</summary>
internal sealed class LocalModel
{
    private readonly Dictionary<string, EntityTable> _tables = new(StringComparer.Ordinal);

    public LocalModel(EntityDataModel model)
    {
        Model = model;
        var skipped = new List<string>();
        foreach (var entity in model.SyncableEntities)
        {
            if (IsStorable(entity))
            {
                _tables[entity.Name] = new EntityTable(entity);
            }
            else
            {
                skipped.Add(entity.Name);
            }
        }

        Unstorable = skipped;
    }

    public EntityDataModel Model { get; }

    public IEnumerable<EntityTable> Tables => _tables.Values;

    /// <summary>Entities whose names cannot be used safely as SQL identifiers; they are never synced.</summary>
    public IReadOnlyList<string> Unstorable { get; }

    public EntityTable? Find(string entity) => _tables.TryGetValue(entity, out var table) ? table : null;

    public EntityTable Get(string entity) =>
        Find(entity) ?? throw new ArgumentException($"'{entity}' is not an entity of the local data model.", nameof(entity));

    private static bool IsStorable(EntityTypeDefinition entity)
    {
        if (!SqlIdentifier.IsValid(entity.Name) || entity.Key is null || entity.FindProperty(entity.Key) is null)
        {
            return false;
        }

        foreach (var property in entity.Properties)
        {
            if (!SqlIdentifier.IsValid(property.Name))
            {
                return false;
            }
        }

        return true;
    }
}
