using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Http;

/// <summary>
/// An entity's property names as UTF-8, with their <see cref="RecordValues"/> index and value kind, built once per
/// entity definition. Lookup compares the reader's raw bytes (no string per property per record) and tries the
/// next index first, because servers write properties in declaration order.
/// </summary>
internal sealed class EntityPropertyMap
{
    private static readonly ConditionalWeakTable<EntityTypeDefinition, EntityPropertyMap> Cache = new();

    private readonly byte[][] _names;

    private EntityPropertyMap(EntityTypeDefinition entity)
    {
        Entity = entity;
        var count = entity.Properties.Count;
        _names = new byte[count][];
        Kinds = new EdmValueKind[count];
        Names = new string[count];
        KeyIndex = -1;
        for (var i = 0; i < count; i++)
        {
            var property = entity.Properties[i];
            Names[i] = property.Name;
            _names[i] = Encoding.UTF8.GetBytes(property.Name);
            Kinds[i] = property.Kind;
            if (property.Name == entity.Key)
            {
                KeyIndex = i;
            }
        }
    }

    public EntityTypeDefinition Entity { get; }

    public string[] Names { get; }

    public EdmValueKind[] Kinds { get; }

    /// <summary>The key property's index, or -1 when the definition lacks it.</summary>
    public int KeyIndex { get; }

    public int Count => _names.Length;

    public static EntityPropertyMap For(EntityTypeDefinition entity) => Cache.GetValue(entity, static e => new EntityPropertyMap(e));

    /// <summary>The index of the property name the reader is on, or -1 when the entity has no such property.</summary>
    public int Find(ref Utf8JsonReader reader, int hint)
    {
        if ((uint)hint < (uint)_names.Length && reader.ValueTextEquals(_names[hint]))
        {
            return hint;
        }

        for (var i = 0; i < _names.Length; i++)
        {
            if (i != hint && reader.ValueTextEquals(_names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the property whose UTF-8 name is <paramref name="utf8Name"/>, or -1.</summary>
    public int Find(System.ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (System.MemoryExtensions.SequenceEqual(utf8Name, _names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public int Find(string name)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
