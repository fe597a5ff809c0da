using System;
using System.Collections.Generic;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Definitions.Parsing.Csdl;

/// <summary>
/// Resolves a read document into an <see cref="EntityDataModel"/>: qualified names across schemas and
/// aliases, BaseType chains of any depth (keys, properties and lookups inherited), entity sets. A type
/// SmartSync cannot use (a concrete type with no key anywhere in its chain, a composite key, an unknown
/// base...) is set aside as <see cref="UnusableEntityType"/> with an info diagnostic: it only becomes an
/// error when SmartSync.xml names it. An abstract type needs no key.
/// </summary>
internal sealed class CsdlModelBuilder
{
    private readonly RawCsdlDocument _document;
    private readonly CsdlNames _names;
    private readonly PropertyTypeClassifier _types;
    private readonly Action<XmlPosition, bool, string> _info;
    private readonly Action<string, XmlPosition, string> _propertySkipped;
    private readonly Dictionary<string, RawEntityType> _byFullName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawEntityType?> _bySimpleName = new(StringComparer.Ordinal);
    private readonly Dictionary<RawEntityType, Resolved> _resolved = [];
    private readonly Dictionary<string, RawEntityType?> _typeByWritten = new(StringComparer.Ordinal);

    // Reused for every type's duplicate check (cleared, capacity kept): a set per type was a large share of the allocations.
    private readonly HashSet<string> _memberNames = new(StringComparer.Ordinal);

    /// <param name="document">The document as read.</param>
    /// <param name="info">Reports an info diagnostic: position, whether it is an attribute value, message.</param>
    /// <param name="propertySkipped">Reports a skipped property: the declaring type's name, the position of its Type attribute, message.</param>
    public CsdlModelBuilder(RawCsdlDocument document, Action<XmlPosition, bool, string> info, Action<string, XmlPosition, string> propertySkipped)
    {
        _propertySkipped = propertySkipped;
        _document = document;
        _names = new CsdlNames(document.Schemas);
        _types = new PropertyTypeClassifier(document, _names);
        _info = info;
    }

    public EntityDataModel Build()
    {
        var declared = new List<RawEntityType>();
        var unusable = new List<UnusableEntityType>();
        var logicalNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in _document.EntityTypes)
        {
            if (!logicalNames.Add(type.Name))
            {
                _info(type.Position, false, $"entity type '{type.Name}' is declared twice; the second declaration is skipped");
                continue;
            }

            _byFullName[type.FullName] = type;
            _bySimpleName[type.Name] = type;
            declared.Add(type);
        }

        var entitySets = ReadEntitySets();
        var entities = new List<EntityTypeDefinition>(declared.Count);
        foreach (var type in declared)
        {
            var resolved = Resolve(type);
            if (resolved.Problem is not null)
            {
                unusable.Add(new UnusableEntityType(type.Name, resolved.Problem));
                continue;
            }

            entitySets.TryGetValue(type, out var setName);
            entities.Add(new EntityTypeDefinition(
                type.Name,
                setName,
                resolved.Base?.Name,
                type.IsAbstract,
                resolved.Key,
                new EquatableArray<PropertyDefinition>(resolved.Properties),
                new EquatableArray<LookupDefinition>(resolved.Lookups),
                new EquatableArray<SkippedProperty>(resolved.Skipped)));
        }

        return new EntityDataModel(ModelNamespace(), entities.ToEquatableArray(), unusable.ToEquatableArray());
    }

    private string ModelNamespace()
    {
        foreach (var type in _document.EntityTypes)
        {
            return type.Namespace;
        }

        return _document.Schemas.Count > 0 ? _document.Schemas[0].Namespace : string.Empty;
    }

    private Dictionary<RawEntityType, string> ReadEntitySets()
    {
        var sets = new Dictionary<RawEntityType, string>();
        foreach (var set in _document.EntitySets)
        {
            var type = FindType(set.EntityType.Value);
            if (type is null)
            {
                _info(set.EntityType.Position, true, $"entity set '{set.Name}' names the unknown entity type '{set.EntityType.Value}'; it is skipped");
                continue;
            }

            if (!sets.ContainsKey(type))
            {
                sets.Add(type, set.Name);
            }
        }

        return sets;
    }

    private RawEntityType? FindType(string written)
    {
        // Lookups name the same few targets thousands of times: qualify each spelling once.
        if (!_typeByWritten.TryGetValue(written, out var found))
        {
            found = FindTypeCore(written);
            _typeByWritten.Add(written, found);
        }

        return found;
    }

    private RawEntityType? FindTypeCore(string written)
    {
        var qualified = _names.Qualify(written);
        if (_byFullName.TryGetValue(qualified, out var type))
        {
            return type;
        }

        // Not CSDL, but older hand-written models name types without a namespace.
        return !_names.HasKnownPrefix(written) && _bySimpleName.TryGetValue(CsdlNames.SimpleName(qualified), out var bySimple) ? bySimple : null;
    }

    private Resolved Resolve(RawEntityType type)
    {
        if (_resolved.TryGetValue(type, out var done))
        {
            return done;
        }

        // Mark first: a BaseType cycle meets this placeholder instead of recursing for ever.
        _resolved[type] = Resolved.Failed($"entity type '{type.Name}' is part of a BaseType cycle");
        var result = ResolveCore(type);
        _resolved[type] = result;
        return result;
    }

    private Resolved ResolveCore(RawEntityType type)
    {
        Resolved? parent = null;
        RawEntityType? baseType = null;
        if (type.BaseType is { } baseName)
        {
            baseType = FindType(baseName.Value);
            if (baseType is null)
            {
                return Fail(type, baseName.Position, true, $"entity type '{type.Name}' derives from the unknown type '{baseName.Value}'");
            }

            parent = Resolve(baseType);
            if (parent.Problem is not null)
            {
                var why = parent.Problem.Contains("BaseType cycle")
                    ? $"entity type '{type.Name}' is part of a BaseType cycle"
                    : $"the base type '{baseType.Name}' of '{type.Name}' cannot be used";
                return Fail(type, baseName.Position, true, why);
            }
        }

        var own = OwnMembersOf(type);
        var names = _memberNames;
        names.Clear();
        if (parent is not null)
        {
            foreach (var property in parent.Properties)
            {
                names.Add(property.Name);
            }

            foreach (var property in parent.Skipped)
            {
                names.Add(property.Name);
            }
        }

        foreach (var property in own.Properties)
        {
            if (!names.Add(property.Name))
            {
                return Fail(type, type.Position, false, $"property '{property.Name}' is declared twice in '{type.Name}' or its base types");
            }
        }

        foreach (var property in own.Skipped)
        {
            if (!names.Add(property.Name))
            {
                return Fail(type, type.Position, false, $"property '{property.Name}' is declared twice in '{type.Name}' or its base types");
            }
        }

        // Base members first, then the type's own, straight into the arrays the model keeps (no intermediate lists).
        var properties = Concat(parent?.Properties, own.Properties);
        var lookups = Concat(parent?.Lookups, own.Lookups);
        var skipped = Concat(parent?.Skipped, own.Skipped);

        // The most derived declaration wins; CSDL lets only the root of a chain declare one.
        string? key = parent?.Key;
        if (type.Keys.Count > 1)
        {
            return Fail(type, type.Keys[1].Position, true, $"entity type '{type.Name}' has a composite key; SmartSync supports single-property keys");
        }

        if (type.Keys.Count == 1)
        {
            key = type.Keys[0].Value.Trim();
            if (Array.Find(properties, p => p.Name == key) is null)
            {
                var what = Array.Exists(skipped, p => p.Name == key) ? "a property SmartSync cannot store" : "not a property of the type";
                return Fail(type, type.Keys[0].Position, true, $"key '{key}' of '{type.Name}' is {what}");
            }
        }

        if (key is null && !type.IsAbstract)
        {
            return Fail(type, type.Position, false, $"entity type '{type.Name}' has no key in its BaseType chain");
        }

        return new Resolved(null, baseType, key, properties, lookups, skipped);
    }

    private OwnMembers OwnMembersOf(RawEntityType type)
    {
        var own = new OwnMembers(type.PropertyCount, type.Navigations.Count);
        for (var i = type.FirstProperty; i < type.FirstProperty + type.PropertyCount; i++)
        {
            ref readonly var property = ref _document.Property(i);
            if (property.IsStorablePrimitive)
            {
                own.Properties.Add(new PropertyDefinition(property.Name, property.Type.Value, property.Nullable, property.MaxLength));
                continue;
            }

            var (edmType, skipReason) = _types.Classify(property.Type.Value);
            if (skipReason is null)
            {
                own.Properties.Add(new PropertyDefinition(property.Name, edmType, property.Nullable, property.MaxLength));
            }
            else
            {
                own.Skipped.Add(new SkippedProperty(property.Name, edmType, skipReason));
                _propertySkipped(type.Name, property.Type.Position, $"property '{property.Name}' of '{type.Name}' ({edmType}) is skipped: {skipReason}");
            }
        }

        foreach (var navigation in type.Navigations)
        {
            if (CsdlNames.IsCollection(navigation.Type.Value))
            {
                continue; // one-to-many: not a lookup
            }

            var target = FindType(navigation.Type.Value);
            if (target is null)
            {
                _info(navigation.Position, false, $"lookup '{navigation.Name}' of '{type.Name}' points to the unknown type '{navigation.Type.Value}'; it is skipped");
                continue;
            }

            own.Lookups.Add(new LookupDefinition(navigation.Name, target.Name, navigation.ForeignKey));
        }

        return own;
    }

    private static T[] Concat<T>(T[]? inherited, List<T> own)
    {
        var count = (inherited?.Length ?? 0) + own.Count;
        if (count == 0)
        {
            return [];
        }

        var result = new T[count];
        inherited?.CopyTo(result, 0);
        own.CopyTo(result, inherited?.Length ?? 0);
        return result;
    }

    private Resolved Fail(RawEntityType type, XmlPosition position, bool value, string problem)
    {
        _info(position, value, problem + "; the type is skipped");
        return Resolved.Failed(problem);
    }

    private sealed class OwnMembers(int properties, int navigations)
    {
        public List<PropertyDefinition> Properties { get; } = new(properties);

        public List<SkippedProperty> Skipped { get; } = [];

        public List<LookupDefinition> Lookups { get; } = new(navigations);
    }

    private sealed record Resolved(
        string? Problem,
        RawEntityType? Base,
        string? Key,
        PropertyDefinition[] Properties,
        LookupDefinition[] Lookups,
        SkippedProperty[] Skipped)
    {
        public static Resolved Failed(string problem) => new(problem, null, null, [], [], []);
    }
}
