using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;

namespace SmartSync.Definitions.Parsing.Csdl;

/// <summary>
/// Reads a CSDL document in one forward pass with an <see cref="XmlReader"/> (no DOM: a 12 MB Dataverse
/// <c>$metadata</c> is read without building a tree). It keeps what SmartSync needs (schemas, entity, complex,
/// enum and type-definition names, entity types, entity sets) and passes over everything else a real
/// document carries: actions, functions, terms, annotations, imports, singletons, bindings.
/// </summary>
internal sealed class CsdlDocumentReader
{
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo _lineInfo;
    private readonly RawCsdlDocument _document;
    private readonly List<(XmlPosition Position, bool IsXmlError, string Message)> _errors = [];

    // Local names of the open elements, outermost first; an empty element is never pushed.
    private readonly List<string> _open = [];
    private string? _schemaNamespace;
    private RawEntityType? _entityType;
    private RawNavigation? _navigation;

    private CsdlDocumentReader(XmlReader reader, int textLength)
    {
        // A property element takes 60–120 characters; a generous guess costs one short-lived array, a low one a few regrowths.
        _document = new RawCsdlDocument(textLength / 100);
        _reader = reader;
        _lineInfo = (IXmlLineInfo)reader;
    }

    /// <summary>The document, and the errors that make it unreadable (position, whether it is an XML syntax error at a single character, message).</summary>
    public static (RawCsdlDocument Document, List<(XmlPosition Position, bool IsXmlError, string Message)> Errors) Read(string text)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };

        using var reader = XmlReader.Create(new StringReader(text), settings);
        var instance = new CsdlDocumentReader(reader, text.Length);
        try
        {
            instance.ReadAll();
        }
        catch (XmlException ex)
        {
            // Not XML: that is the one thing to say about the document.
            instance._errors.Clear();
            instance._errors.Add((new XmlPosition(ex.LineNumber, ex.LinePosition), true, XmlSource.StripPosition(ex.Message)));
        }

        return (instance._document, instance._errors);
    }

    private void ReadAll()
    {
        XmlPosition? root = null;
        while (_reader.Read())
        {
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element:
                    root ??= Here();
                    if (_reader.Depth >= XmlSource.MaxDepth)
                    {
                        Error(Here(), $"elements are nested more than {XmlSource.MaxDepth} levels deep");
                        return;
                    }

                    var empty = _reader.IsEmptyElement;
                    var name = _reader.LocalName;
                    StartElement(name, _open.Count == 0 ? null : _open[_open.Count - 1]);
                    if (empty)
                    {
                        EndElement(name);
                    }
                    else
                    {
                        _open.Add(name);
                    }

                    break;

                case XmlNodeType.EndElement:
                    var closed = _open[_open.Count - 1];
                    _open.RemoveAt(_open.Count - 1);
                    EndElement(closed);
                    break;
            }
        }

        if (root is null)
        {
            Error(default, "the document has no root element");
        }
        else if (_document.Schemas.Count == 0 && _errors.Count == 0)
        {
            Error(root.Value, "no <Schema> element was found");
        }
    }

    private void StartElement(string name, string? parent)
    {
        switch (name)
        {
            case "Schema":
                var schemaNamespace = _reader.GetAttribute("Namespace");
                if (string.IsNullOrWhiteSpace(schemaNamespace))
                {
                    Error(Here(), "a <Schema> has no Namespace");
                    schemaNamespace = string.Empty;
                }

                _schemaNamespace = schemaNamespace!;
                var alias = _reader.GetAttribute("Alias");
                _document.Schemas.Add(new RawSchema(_schemaNamespace, string.IsNullOrWhiteSpace(alias) ? null : alias));
                return;

            case "EntityType" when parent == "Schema":
                var typeName = _reader.GetAttribute("Name");
                if (string.IsNullOrWhiteSpace(typeName))
                {
                    Error(Here(), "an <EntityType> has no Name");
                    return;
                }

                _entityType = new RawEntityType(_schemaNamespace!, typeName!, Here())
                {
                    FirstProperty = _document.PropertyCount,
                    IsAbstract = string.Equals(_reader.GetAttribute("Abstract"), "true", StringComparison.OrdinalIgnoreCase),
                    BaseType = Attribute("BaseType"),
                };
                _document.EntityTypes.Add(_entityType);
                return;

            case "ComplexType" when parent == "Schema":
                AddName(_document.ComplexTypes);
                return;

            case "EnumType" when parent == "Schema":
                AddName(_document.EnumTypes);
                return;

            case "TypeDefinition" when parent == "Schema":
                var definitionName = _reader.GetAttribute("Name");
                var underlying = _reader.GetAttribute("UnderlyingType");
                if (!string.IsNullOrWhiteSpace(definitionName) && !string.IsNullOrWhiteSpace(underlying))
                {
                    _document.TypeDefinitions[_schemaNamespace + "." + definitionName] = underlying!;
                }

                return;

            case "PropertyRef" when parent == "Key" && _entityType is not null:
                var keyName = Attribute("Name");
                if (keyName is null || string.IsNullOrWhiteSpace(keyName.Value.Value))
                {
                    Error(Here(), $"a key <PropertyRef> of '{_entityType.Name}' has no Name");
                    return;
                }

                _entityType.Keys.Add(keyName.Value);
                return;

            case "Property" when parent == "EntityType" && _entityType is not null:
                ReadProperty(_entityType);
                return;

            case "NavigationProperty" when parent == "EntityType" && _entityType is not null:
                var navigationName = _reader.GetAttribute("Name");
                var navigationType = Attribute("Type");
                if (string.IsNullOrWhiteSpace(navigationName) || navigationType is null || string.IsNullOrWhiteSpace(navigationType.Value.Value))
                {
                    Error(Here(), $"a <NavigationProperty> of '{_entityType.Name}' needs both Name and Type");
                    return;
                }

                if (CsdlNames.IsCollection(navigationType.Value.Value))
                {
                    // One-to-many (half of a Dataverse document's navigations): never a lookup, so nothing of it is kept.
                    return;
                }

                _navigation = new RawNavigation(navigationName!, navigationType.Value, Here());
                _entityType.Navigations.Add(_navigation);
                return;

            case "ReferentialConstraint" when parent == "NavigationProperty" && _navigation is not null:
                var property = _reader.GetAttribute("Property");
                if (_navigation.ForeignKey is null && !string.IsNullOrEmpty(property))
                {
                    _navigation.ForeignKey = property;
                }

                return;

            case "EntitySet" when parent == "EntityContainer":
                var setName = _reader.GetAttribute("Name");
                var setType = Attribute("EntityType");
                if (string.IsNullOrWhiteSpace(setName) || setType is null)
                {
                    Error(Here(), "an <EntitySet> needs both Name and EntityType");
                    return;
                }

                _document.EntitySets.Add(new RawEntitySet(setName!, setType.Value));
                return;
        }
    }

    private void EndElement(string name)
    {
        switch (name)
        {
            case "Schema":
                _schemaNamespace = null;
                break;
            case "EntityType":
                _entityType = null;
                break;
            case "NavigationProperty":
                _navigation = null;
                break;
        }
    }

    private void ReadProperty(RawEntityType owner)
    {
        // The hot path of a 12 MB document (100,000+ properties): one walk over the attributes, not a scan per name.
        var position = Here();
        string? name = null;
        PositionedValue? type = null;
        string? maxLengthText = null;
        string? nullableText = null;
        var primitive = false;
        if (_reader.MoveToFirstAttribute())
        {
            do
            {
                switch (_reader.LocalName)
                {
                    case "Name":
                        name = _reader.Value;
                        break;
                    case "Type":
                        var written = _reader.Value;
                        var shared = PropertyTypeClassifier.Share(written);
                        primitive = !ReferenceEquals(shared, written);
                        type = new PositionedValue(shared, Here());
                        break;
                    case "MaxLength":
                        maxLengthText = _reader.Value;
                        break;
                    case "Nullable":
                        nullableText = _reader.Value;
                        break;
                }
            }
            while (_reader.MoveToNextAttribute());

            _reader.MoveToElement();
        }

        if (string.IsNullOrWhiteSpace(name) || type is null || string.IsNullOrWhiteSpace(type.Value.Value))
        {
            Error(position, $"a <Property> of '{owner.Name}' needs both Name and Type");
            return;
        }

        int? maxLength = int.TryParse(maxLengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

        // CSDL's default is Nullable="true"; Dataverse leaves it off even on keys.
        var nullable = !string.Equals(nullableText, "false", StringComparison.OrdinalIgnoreCase);
        _document.AddProperty(new RawProperty(name!, type.Value, nullable, maxLength, primitive));
        owner.PropertyCount++;
    }

    private void AddName(HashSet<string> names)
    {
        var name = _reader.GetAttribute("Name");
        if (!string.IsNullOrWhiteSpace(name))
        {
            names.Add(_schemaNamespace + "." + name);
        }
    }

    /// <summary>An attribute of the current element with the position of its name; null when absent.</summary>
    private PositionedValue? Attribute(string name)
    {
        if (!_reader.MoveToAttribute(name))
        {
            return null;
        }

        var result = new PositionedValue(_reader.Value, Here());
        _reader.MoveToElement();
        return result;
    }

    private XmlPosition Here() => new(_lineInfo.LineNumber, _lineInfo.LinePosition);

    private void Error(XmlPosition position, string message) => _errors.Add((position, false, message));
}
