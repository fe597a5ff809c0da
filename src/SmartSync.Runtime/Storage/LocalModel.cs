using System;
using System.Collections.Generic;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Storage;

/// <summary>The data model the local tables were created from, with one <see cref="LocalTable"/> per syncable entity.</summary>
internal sealed class LocalModel
{
    private readonly Dictionary<string, LocalTable> _tables = new(StringComparer.Ordinal);

    /// <param name="model">The server's data model.</param>
    /// <param name="appEntities">The app's tables (<see cref="SmartSyncCatalog.AppEntities"/>): only they get a local table; null: every syncable entity.</param>
    public LocalModel(EntityDataModel model, IReadOnlyCollection<string>? appEntities = null)
    {
        Model = model;
        var skipped = new List<string>();
        var scope = appEntities is null ? null : new HashSet<string>(appEntities, StringComparer.Ordinal);
        foreach (var entity in model.SyncableEntities)
        {
            if (scope is not null && !scope.Contains(entity.Name))
            {
                continue; // not one of the app's tables: no local table, never synced
            }

            if (IsStorable(entity))
            {
                _tables[entity.Name] = new LocalTable(entity);
            }
            else
            {
                skipped.Add(entity.Name);
            }
        }

        Unstorable = skipped;
    }

    public EntityDataModel Model { get; }

    public IEnumerable<LocalTable> Tables => _tables.Values;

    /// <summary>Entities whose names cannot be used safely as SQL identifiers; they are never synced.</summary>
    public IReadOnlyList<string> Unstorable { get; }

    public LocalTable? Find(string entity) => _tables.TryGetValue(entity, out var table) ? table : null;

    public LocalTable Get(string entity) =>
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
