using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;

namespace SmartSync.Definitions.Tests.Oracle;

/// <summary>Microsoft's own CSDL reader (<c>Microsoft.OData.Edm</c>'s <see cref="CsdlReader"/>), described as a <see cref="ModelShape"/>.</summary>
internal static class MicrosoftReader
{
    /// <summary>The shape Microsoft reads, or null with its errors when its reader refuses the document.</summary>
    public static ModelShape? Read(string text, out IReadOnlyList<string> errors)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(text), settings);
        if (!CsdlReader.TryParse(reader, out IEdmModel model, out IEnumerable<EdmError> parseErrors))
        {
            errors = parseErrors.Select(e => e.ToString()).ToList();
            return null;
        }

        errors = [];
        var sets = new Dictionary<string, string>();
        foreach (var set in model.EntityContainer?.EntitySets() ?? [])
        {
            sets.TryAdd(set.EntityType.Name, set.Name);
        }

        var types = new SortedDictionary<string, TypeShape>(System.StringComparer.Ordinal);
        foreach (var type in model.SchemaElements.OfType<IEdmEntityType>())
        {
            var keys = type.Key()?.Select(k => k.Name).ToList() ?? [];
            var properties = type.StructuralProperties().Select(p => p.Name + ": " + TypeName(p.Type)).OrderBy(s => s, System.StringComparer.Ordinal).ToList();
            var lookups = type.NavigationProperties()
                .Where(n => !n.Type.IsCollection())
                .Select(n => n.Name + " -> " + n.ToEntityType().Name)
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            types[type.Name] = new TypeShape(type.IsAbstract, ModelShape.DescribeKey(keys), properties, lookups, sets.TryGetValue(type.Name, out var set) ? set : null);
        }

        return new ModelShape(types);
    }

    /// <summary>A type definition stands for its underlying type (SmartSync stores the primitive); collections by element.</summary>
    private static string TypeName(IEdmTypeReference type)
    {
        if (type.IsCollection())
        {
            return "Collection(" + TypeName(type.AsCollection().ElementType()) + ")";
        }

        return type.Definition is IEdmTypeDefinition definition ? definition.UnderlyingType.FullName() : type.FullName();
    }
}
