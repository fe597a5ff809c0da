using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Server.Storage;

/// <summary>
/// One entity of the data model mapped to its SQLite table: a column per structural property, plus
/// <c>__version</c> (the server-wide change version of the row's last change).
/// </summary>
internal sealed class EntityTable
{
    /// <summary>The property that names a record's owning user; entities without it are organization-wide.</summary>
    public const string OwnerProperty = "_ownerid_value";

    private readonly Dictionary<string, int> _indexByName;

    public EntityTable(EntityTypeDefinition entity)
    {
        Entity = entity;
        TableName = "e_" + entity.Name;
        Columns = entity.Properties.Select(p => p.Name).ToArray();
        Kinds = entity.Properties.Select(p => p.Kind).ToArray();
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Length; i++)
        {
            _indexByName[Columns[i]] = i;
        }

        KeyIndex = _indexByName[entity.RequireKey()];
        OwnerIndex = _indexByName.TryGetValue(OwnerProperty, out var owner) ? owner : -1;
        SelectList = string.Join(", ", Columns.Select(Quote));
    }

    public EntityTypeDefinition Entity { get; }

    public string Name => Entity.Name;

    public string SetName => Entity.EntitySetName!;

    public string TableName { get; }

    public string QuotedTable => Quote(TableName);

    public string[] Columns { get; }

    public EdmValueKind[] Kinds { get; }

    public int KeyIndex { get; }

    public string KeyColumn => Columns[KeyIndex];

    /// <summary>The owner column's index, or -1 for organization-wide entities.</summary>
    public int OwnerIndex { get; }

    public bool HasOwner => OwnerIndex >= 0;

    /// <summary>Every column, quoted, in property order.</summary>
    public string SelectList { get; }

    public bool TryGetIndex(string name, out int index) => _indexByName.TryGetValue(name, out index);

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

}
