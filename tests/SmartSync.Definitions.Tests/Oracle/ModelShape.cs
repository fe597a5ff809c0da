using System.Collections.Generic;
using System.Linq;
using System.Text;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Definitions.Tests.Oracle;

/// <summary>What both readers must agree on about one entity type.</summary>
internal sealed record TypeShape(bool IsAbstract, string Key, IReadOnlyList<string> Properties, IReadOnlyList<string> Lookups, string? EntitySet);

/// <summary>
/// A reader-neutral description of a data model: entity types, abstractness, keys after inheritance, property names
/// with Edm types, single-valued navigations with their targets, entity set names. A type SmartSync sets aside is
/// described by its reason instead, so the comparison shows it.
/// </summary>
internal sealed class ModelShape(SortedDictionary<string, TypeShape> types)
{
    public SortedDictionary<string, TypeShape> Types { get; } = types;

    public static string DescribeKey(IReadOnlyList<string> keys) => keys.Count switch
    {
        0 => "(none)",
        1 => keys[0],
        _ => "composite(" + string.Join(",", keys) + ")",
    };

    /// <summary>Our model's shape; <paramref name="unusable"/> gets the types we set aside, with the reason.</summary>
    public static ModelShape Of(EntityDataModel model, out IReadOnlyDictionary<string, string> unusable)
    {
        var types = new SortedDictionary<string, TypeShape>(System.StringComparer.Ordinal);
        foreach (var entity in model.Entities)
        {
            var properties = entity.Properties.Select(p => p.Name + ": " + p.EdmType)
                .Concat(entity.SkippedProperties.Select(p => p.Name + ": " + p.EdmType))
                .OrderBy(s => s, System.StringComparer.Ordinal)
                .ToList();
            var lookups = entity.Lookups.Select(l => l.Name + " -> " + l.TargetEntity).OrderBy(s => s, System.StringComparer.Ordinal).ToList();
            types[entity.Name] = new TypeShape(entity.IsAbstract, entity.Key ?? "(none)", properties, lookups, entity.EntitySetName);
        }

        unusable = model.Unusable.ToDictionary(u => u.Name, u => u.Reason);
        return new ModelShape(types);
    }

    /// <summary>Every disagreement, one per line; empty when the shapes agree.</summary>
    public static string Differences(ModelShape ours, IReadOnlyDictionary<string, string> unusable, ModelShape microsoft)
    {
        var text = new StringBuilder();
        foreach (var name in ours.Types.Keys.Concat(unusable.Keys).Except(microsoft.Types.Keys))
        {
            text.AppendLine($"type '{name}': only in ours");
        }

        foreach (var (name, theirs) in microsoft.Types)
        {
            if (unusable.TryGetValue(name, out var reason))
            {
                // We set it aside: that must be because Microsoft sees no single key either.
                var consistent = reason.Contains("has no key") ? theirs.Key == "(none)" && !theirs.IsAbstract
                    : reason.Contains("composite key") ? theirs.Key.StartsWith("composite(", System.StringComparison.Ordinal)
                    : false;
                if (!consistent)
                {
                    text.AppendLine($"type '{name}': set aside by us ({reason}) but Microsoft reads key {theirs.Key}, abstract {theirs.IsAbstract}");
                }

                continue;
            }

            if (!ours.Types.TryGetValue(name, out var mine))
            {
                text.AppendLine($"type '{name}': missing in ours");
                continue;
            }

            Compare(text, name, "abstract", mine.IsAbstract.ToString(), theirs.IsAbstract.ToString());
            Compare(text, name, "key", mine.Key, theirs.Key);
            Compare(text, name, "entity set", mine.EntitySet ?? "(none)", theirs.EntitySet ?? "(none)");
            CompareLists(text, name, "property", mine.Properties, theirs.Properties);
            CompareLists(text, name, "lookup", mine.Lookups, theirs.Lookups);
        }

        return text.ToString();
    }

    private static void Compare(StringBuilder text, string type, string what, string mine, string theirs)
    {
        if (mine != theirs)
        {
            text.AppendLine($"type '{type}': {what} is {mine} in ours, {theirs} in Microsoft's");
        }
    }

    private static void CompareLists(StringBuilder text, string type, string what, IReadOnlyList<string> mine, IReadOnlyList<string> theirs)
    {
        foreach (var item in mine.Except(theirs))
        {
            text.AppendLine($"type '{type}': {what} '{item}' only in ours");
        }

        foreach (var item in theirs.Except(mine))
        {
            text.AppendLine($"type '{type}': {what} '{item}' only in Microsoft's");
        }
    }
}
