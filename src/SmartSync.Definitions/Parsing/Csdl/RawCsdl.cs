using System.Collections.Generic;

namespace SmartSync.Definitions.Parsing.Csdl;

/// <summary>A one-based line and column as <see cref="System.Xml.IXmlLineInfo"/> reports it: the first character of a name.</summary>
internal readonly record struct XmlPosition(int Line, int Column);

/// <summary>An attribute value and where its name starts, so a diagnostic can point at the value.</summary>
internal readonly record struct PositionedValue(string Value, XmlPosition Position);

/// <summary>One <c>&lt;Schema&gt;</c>: its namespace and alias.</summary>
internal sealed record RawSchema(string Namespace, string? Alias);

/// <summary>An <c>&lt;EntityType&gt;</c> as written, before names and inheritance are resolved.</summary>
internal sealed class RawEntityType(string schemaNamespace, string name, XmlPosition position)
{
    public string Namespace { get; } = schemaNamespace;

    public string Name { get; } = name;

    public string FullName => Namespace + "." + Name;

    public XmlPosition Position { get; } = position;

    public PositionedValue? BaseType { get; set; }

    public bool IsAbstract { get; set; }

    public List<PositionedValue> Keys { get; } = [];

    /// <summary>Where the type's properties start in the document's property list (they are contiguous: types do not nest).</summary>
    public int FirstProperty { get; set; }

    public int PropertyCount { get; set; }

    public List<RawNavigation> Navigations { get; } = [];
}

/// <summary>A structural property as written; a value in one document-wide list, not an object per property.</summary>
/// <param name="Name">The property's name.</param>
/// <param name="Type">Its type as written, and where.</param>
/// <param name="Nullable">Whether it accepts null.</param>
/// <param name="MaxLength">The declared maximum length.</param>
/// <param name="IsStorablePrimitive">Whether the type is a storable <c>Edm.*</c> primitive, already the shared name: nothing to resolve.</param>
internal readonly record struct RawProperty(string Name, PositionedValue Type, bool Nullable, int? MaxLength, bool IsStorablePrimitive);

/// <summary>A navigation property as written; <see cref="ForeignKey"/> is the first ReferentialConstraint's Property.</summary>
internal sealed class RawNavigation(string name, PositionedValue type, XmlPosition position)
{
    public string Name { get; } = name;

    public PositionedValue Type { get; } = type;

    public XmlPosition Position { get; } = position;

    public string? ForeignKey { get; set; }
}

/// <summary>An <c>&lt;EntitySet&gt;</c>: its name and the entity type it holds.</summary>
internal sealed record RawEntitySet(string Name, PositionedValue EntityType);

/// <summary>Everything the model needs from a CSDL document, read in one streaming pass.</summary>
internal sealed class RawCsdlDocument
{
    public List<RawSchema> Schemas { get; } = [];

    public List<RawEntityType> EntityTypes { get; } = [];

    /// <summary>
    /// The structural properties of every entity type, in document order (100,000+ in a large <c>$metadata</c>): one list
    /// of values, sized from the text up front, instead of an object and a growing list per type.
    /// </summary>
    private RawProperty[] _properties;

    public RawCsdlDocument(int expectedProperties = 0) => _properties = new RawProperty[System.Math.Max(16, expectedProperties)];

    public int PropertyCount { get; private set; }

    /// <summary>A property by index, without copying the value.</summary>
    public ref readonly RawProperty Property(int index) => ref _properties[index];

    public void AddProperty(in RawProperty property)
    {
        if (PropertyCount == _properties.Length)
        {
            System.Array.Resize(ref _properties, _properties.Length * 2);
        }

        _properties[PropertyCount++] = property;
    }

    /// <summary>Full names (namespace-qualified) of complex types.</summary>
    public HashSet<string> ComplexTypes { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Full names of enum types.</summary>
    public HashSet<string> EnumTypes { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Full names of type definitions, with their underlying type as written.</summary>
    public Dictionary<string, string> TypeDefinitions { get; } = new(System.StringComparer.Ordinal);

    public List<RawEntitySet> EntitySets { get; } = [];
}
