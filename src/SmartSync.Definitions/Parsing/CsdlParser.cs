using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Parsing;

/// <summary>
/// Reads an OData v4 CSDL document (<c>$metadata</c>) into an <see cref="EntityDataModel"/>:
/// entity types, keys, typed properties, lookups and BaseType inheritance. Never throws.
/// </summary>
public static class CsdlParser
{
    public static DataModelReadResult Parse(string text, string filePath)
    {
        try
        {
            return ParseCore(text ?? string.Empty, filePath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defensive: a parser bug must surface as a diagnostic, never as a crashed build.
            var diagnostic = DefinitionDiagnostic.Create(DiagnosticRules.InvalidDataModel, filePath, default, ex.Message);
            return new DataModelReadResult(null, [diagnostic]);
        }
    }

    private static DataModelReadResult ParseCore(string text, string filePath)
    {
        var diagnostics = new List<DefinitionDiagnostic>();
        void Report(SourceRange range, string message) =>
            diagnostics.Add(DefinitionDiagnostic.Create(DiagnosticRules.InvalidDataModel, filePath, range, message));

        if (!XmlSource.TryLoad(text, out var source, out var error, out var errorRange))
        {
            Report(errorRange, error);
            return new DataModelReadResult(null, diagnostics);
        }

        var schemas = source!.Root.DescendantsAndSelf().Where(e => e.Name.LocalName == "Schema").ToList();
        if (schemas.Count == 0)
        {
            Report(source.NameRange(source.Root), "no <Schema> element was found");
            return new DataModelReadResult(null, diagnostics);
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            AddIfPresent(prefixes, (string?)schema.Attribute("Namespace"));
            AddIfPresent(prefixes, (string?)schema.Attribute("Alias"));
        }

        var rawTypes = new Dictionary<string, RawEntityType>(StringComparer.Ordinal);
        foreach (var element in schemas.SelectMany(s => s.Elements()).Where(e => e.Name.LocalName == "EntityType"))
        {
            var raw = ReadEntityType(element, source, prefixes, Report);
            if (raw is null)
            {
                continue;
            }

            if (rawTypes.ContainsKey(raw.Name))
            {
                Report(source.NameRange(element), $"entity type '{raw.Name}' is declared twice");
                continue;
            }

            rawTypes.Add(raw.Name, raw);
        }

        var entitySets = ReadEntitySets(schemas, source, prefixes, rawTypes, Report);
        var resolved = new List<EntityTypeDefinition>();
        foreach (var raw in rawTypes.Values)
        {
            var entity = Resolve(raw, rawTypes, entitySets, source, Report);
            if (entity is not null)
            {
                resolved.Add(entity);
            }
        }

        var schemaNamespace = (string?)schemas[0].Attribute("Namespace") ?? string.Empty;
        var model = diagnostics.Count == 0 ? new EntityDataModel(schemaNamespace, resolved.ToEquatableArray()) : null;
        return new DataModelReadResult(model, diagnostics);
    }

    private static RawEntityType? ReadEntityType(XElement element, XmlSource source, HashSet<string> prefixes, Action<SourceRange, string> report)
    {
        var nameAttribute = element.Attribute("Name");
        if (nameAttribute is null || string.IsNullOrWhiteSpace(nameAttribute.Value))
        {
            report(source.NameRange(element), "an <EntityType> has no Name");
            return null;
        }

        var raw = new RawEntityType(nameAttribute.Value, element)
        {
            IsAbstract = string.Equals((string?)element.Attribute("Abstract"), "true", StringComparison.OrdinalIgnoreCase),
        };

        var baseType = element.Attribute("BaseType");
        if (baseType is not null)
        {
            raw.BaseType = StripPrefix(baseType.Value, prefixes);
            raw.BaseTypeAttribute = baseType;
        }

        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case "Key":
                    foreach (var propertyRef in child.Elements().Where(e => e.Name.LocalName == "PropertyRef"))
                    {
                        var keyName = (string?)propertyRef.Attribute("Name");
                        if (string.IsNullOrWhiteSpace(keyName))
                        {
                            report(source.NameRange(propertyRef), $"a key <PropertyRef> of '{raw.Name}' has no Name");
                        }
                        else
                        {
                            raw.Keys.Add((keyName!, propertyRef));
                        }
                    }

                    break;

                case "Property":
                    var propertyName = (string?)child.Attribute("Name");
                    var type = (string?)child.Attribute("Type");
                    if (string.IsNullOrWhiteSpace(propertyName) || string.IsNullOrWhiteSpace(type))
                    {
                        report(source.NameRange(child), $"a <Property> of '{raw.Name}' needs both Name and Type");
                        break;
                    }

                    var maxLengthText = (string?)child.Attribute("MaxLength");
                    int? maxLength = int.TryParse(maxLengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
                    var nullable = !string.Equals((string?)child.Attribute("Nullable"), "false", StringComparison.OrdinalIgnoreCase);
                    raw.Properties.Add(new PropertyDefinition(propertyName!, type!, nullable, maxLength));
                    break;

                case "NavigationProperty":
                    var navigationName = (string?)child.Attribute("Name");
                    var navigationType = (string?)child.Attribute("Type");
                    if (string.IsNullOrWhiteSpace(navigationName) || string.IsNullOrWhiteSpace(navigationType))
                    {
                        report(source.NameRange(child), $"a <NavigationProperty> of '{raw.Name}' needs both Name and Type");
                        break;
                    }

                    if (navigationType!.StartsWith("Collection(", StringComparison.Ordinal))
                    {
                        break; // one-to-many: not a lookup
                    }

                    var foreignKey = child.Elements().Where(e => e.Name.LocalName == "ReferentialConstraint")
                        .Select(e => (string?)e.Attribute("Property")).FirstOrDefault(p => !string.IsNullOrEmpty(p));
                    raw.Lookups.Add((new LookupDefinition(navigationName!, StripPrefix(navigationType, prefixes), foreignKey), child));
                    break;
            }
        }

        return raw;
    }

    private static Dictionary<string, string> ReadEntitySets(
        List<XElement> schemas, XmlSource source, HashSet<string> prefixes, Dictionary<string, RawEntityType> types, Action<SourceRange, string> report)
    {
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        var containers = schemas.SelectMany(s => s.Elements()).Where(e => e.Name.LocalName == "EntityContainer");
        foreach (var set in containers.SelectMany(c => c.Elements()).Where(e => e.Name.LocalName == "EntitySet"))
        {
            var name = (string?)set.Attribute("Name");
            var typeAttribute = set.Attribute("EntityType");
            if (string.IsNullOrWhiteSpace(name) || typeAttribute is null)
            {
                report(source.NameRange(set), "an <EntitySet> needs both Name and EntityType");
                continue;
            }

            var typeName = StripPrefix(typeAttribute.Value, prefixes);
            if (!types.ContainsKey(typeName))
            {
                report(source.ValueRange(typeAttribute), $"entity set '{name}' names the unknown entity type '{typeAttribute.Value}'");
                continue;
            }

            if (!sets.ContainsKey(typeName))
            {
                sets.Add(typeName, name!);
            }
        }

        return sets;
    }

    private static EntityTypeDefinition? Resolve(
        RawEntityType raw,
        Dictionary<string, RawEntityType> types,
        Dictionary<string, string> entitySets,
        XmlSource source,
        Action<SourceRange, string> report)
    {
        // Walk to the root of the inheritance chain, refusing cycles and unknown bases.
        var chain = new List<RawEntityType> { raw };
        var seen = new HashSet<string>(StringComparer.Ordinal) { raw.Name };
        var current = raw;
        while (current.BaseType is not null)
        {
            if (!types.TryGetValue(current.BaseType, out var baseType))
            {
                if (ReferenceEquals(current, raw))
                {
                    report(source.ValueRange(raw.BaseTypeAttribute!), $"entity type '{raw.Name}' derives from the unknown type '{raw.BaseTypeAttribute!.Value}'");
                }

                return null;
            }

            if (!seen.Add(baseType.Name))
            {
                if (ReferenceEquals(current, raw) || chain.Count > types.Count)
                {
                    report(source.ValueRange(raw.BaseTypeAttribute!), $"entity type '{raw.Name}' is part of a BaseType cycle");
                }
                else
                {
                    report(source.NameRange(raw.Element), $"entity type '{raw.Name}' is part of a BaseType cycle");
                }

                return null;
            }

            chain.Add(baseType);
            current = baseType;
        }

        chain.Reverse();
        var properties = new List<PropertyDefinition>();
        var lookups = new List<LookupDefinition>();
        var keys = new List<(string Name, XElement Element)>();
        foreach (var type in chain)
        {
            properties.AddRange(type.Properties);
            foreach (var (lookup, element) in type.Lookups)
            {
                if (!types.ContainsKey(lookup.TargetEntity))
                {
                    if (ReferenceEquals(type, raw))
                    {
                        report(source.NameRange(element), $"lookup '{lookup.Name}' of '{type.Name}' points to the unknown type '{lookup.TargetEntity}'");
                    }

                    continue;
                }

                lookups.Add(lookup);
            }

            if (type.Keys.Count > 0)
            {
                keys = type.Keys;
            }
        }

        if (keys.Count == 0)
        {
            if (raw.IsAbstract)
            {
                // An abstract keyless base (Dataverse's crmbaseentity) only lends its members: types that derive
                // from it declare their own key or inherit one from a nearer base (task from activitypointer).
                return null;
            }

            report(source.NameRange(raw.Element), $"entity type '{raw.Name}' has no key");
            return null;
        }

        if (keys.Count > 1)
        {
            report(source.NameRange(keys[1].Element), $"entity type '{raw.Name}' has a composite key; SmartSync supports single-property keys");
            return null;
        }

        var key = keys[0];
        if (!properties.Any(p => p.Name == key.Name))
        {
            report(source.NameRange(key.Element), $"key '{key.Name}' of '{raw.Name}' is not a property of the type");
            return null;
        }

        var duplicate = properties.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            report(source.NameRange(raw.Element), $"property '{duplicate.Key}' is declared twice in '{raw.Name}' or its base types");
            return null;
        }

        entitySets.TryGetValue(raw.Name, out var setName);
        return new EntityTypeDefinition(raw.Name, setName, raw.BaseType, raw.IsAbstract, key.Name, properties.ToEquatableArray(), lookups.ToEquatableArray());
    }

    private static string StripPrefix(string qualifiedName, HashSet<string> prefixes)
    {
        var index = qualifiedName.LastIndexOf('.');
        if (index > 0 && prefixes.Contains(qualifiedName.Substring(0, index)))
        {
            return qualifiedName.Substring(index + 1);
        }

        return qualifiedName;
    }

    private static void AddIfPresent(HashSet<string> set, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            set.Add(value!);
        }
    }

    private sealed class RawEntityType(string name, XElement element)
    {
        public string Name { get; } = name;

        public XElement Element { get; } = element;

        public string? BaseType { get; set; }

        public XAttribute? BaseTypeAttribute { get; set; }

        public bool IsAbstract { get; set; }

        public List<(string Name, XElement Element)> Keys { get; } = [];

        public List<PropertyDefinition> Properties { get; } = [];

        public List<(LookupDefinition Lookup, XElement Element)> Lookups { get; } = [];
    }
}
