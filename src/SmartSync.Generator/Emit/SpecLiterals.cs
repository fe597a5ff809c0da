using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Generator.Emit;

/// <summary>C# expressions that rebuild the Definitions records at run time, with fully qualified names.</summary>
internal static class SpecLiterals
{
    public const string Semantics = "global::SmartSync.Definitions.Semantics.";
    public const string EquatableArrayFactory = "global::SmartSync.Definitions.Collections.EquatableArray";

    public static string EquatableArrayOf(string elementType, IReadOnlyList<string> elements)
    {
        if (elements.Count == 0)
        {
            return EquatableArrayFactory + "<" + elementType + ">.Empty";
        }

        return EquatableArrayFactory + ".Create<" + elementType + ">(" + string.Join(", ", elements) + ")";
    }

    public static string Entity(EntitySpec entity) =>
        "new " + Semantics + "EntitySpec(Name: " + CSharpLiteral.String(entity.Name)
        + ", WithRelated: " + CSharpLiteral.Bool(entity.WithRelated)
        + ", Deep: " + CSharpLiteral.Bool(entity.Deep) + ")";

    public static string Trigger(TriggerSpec trigger) =>
        "new " + Semantics + "TriggerSpec(Launch: " + CSharpLiteral.String(trigger.Launch)
        + ", Action: " + CSharpLiteral.Enum(trigger.Action)
        + ", DelaySeconds: " + CSharpLiteral.Int(trigger.DelaySeconds)
        + ", Entity: " + CSharpLiteral.StringOrNull(trigger.Entity) + ")";

    public static string Excluded(ExcludedEntity entity) =>
        "new " + Semantics + "ExcludedEntity(Name: " + CSharpLiteral.String(entity.Name)
        + ", Reason: " + CSharpLiteral.String(entity.Reason) + ")";

    public static string Pruned(PrunedEntity entity) =>
        "new " + Semantics + "PrunedEntity(Name: " + CSharpLiteral.String(entity.Name)
        + ", List: " + CSharpLiteral.Enum(entity.List)
        + ", Reason: " + CSharpLiteral.String(entity.Reason) + ")";

    /// <summary><c>NoEntityImages | NoAttachments</c>, or <c>None</c>.</summary>
    public static string Modules(SyncModules modules)
    {
        var names = ModuleNames(modules).ToList();
        var known = names.Aggregate(SyncModules.None, (all, name) => all | (SyncModules)Enum.Parse(typeof(SyncModules), name));
        if (names.Count == 0 || known != modules)
        {
            // Unknown bits (never produced by the validator) survive as a plain cast.
            return CSharpLiteral.Enum(modules);
        }

        return string.Join(" | ", names.Select(n => "global::SmartSync.SyncModules." + n));
    }

    /// <summary>The single-flag names set in <paramref name="modules"/>, in ascending flag order.</summary>
    public static IEnumerable<string> ModuleNames(SyncModules modules)
    {
        foreach (SyncModules flag in Enum.GetValues(typeof(SyncModules)))
        {
            var bits = (int)flag;
            if (bits != 0 && (bits & (bits - 1)) == 0 && (modules & flag) == flag)
            {
                yield return flag.ToString();
            }
        }
    }

    public static IReadOnlyList<string> Each<T>(EquatableArray<T> items, Func<T, string> literal)
        where T : IEquatable<T> => items.Select(literal).ToList();
}
