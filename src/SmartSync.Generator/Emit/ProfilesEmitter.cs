using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Semantics;
using SmartSync.Generator.Model;

namespace SmartSync.Generator.Emit;

/// <summary>
/// Writes <c>Profiles.g.cs</c> (docs/architecture.md): the <c>Profiles</c> class, one sealed class per profile
/// built from a <c>ProfileSpec</c> literal, and a module initializer that registers them with
/// <c>SmartSyncCatalog</c> — plain constructor calls, no reflection, so trimming and NativeAOT keep it.
/// </summary>
internal static class ProfilesEmitter
{
    public const string HintName = "Profiles.g.cs";

    private const string ProfileBase = "global::SmartSync.SmartSyncProfile";
    private const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

    public static string Emit(ProfilesModel model)
    {
        var writer = new IndentedWriter();
        GeneratedFile.WriteHeader(writer, model.SourceFileName);
        writer.Line("#pragma warning disable CA2255 // A module initializer in a library is the point: profiles register before any app code runs.");
        writer.Line();
        writer.Line("namespace " + model.Namespace);
        writer.Open();
        WriteProfilesClass(writer, model);
        foreach (var profile in model.Profiles)
        {
            writer.Line();
            WriteProfileClass(writer, model, profile);
        }

        writer.Line();
        WriteRegistration(writer, model);
        writer.Close();
        return writer.ToString();
    }

    private static void WriteProfilesClass(IndentedWriter writer, ProfilesModel model)
    {
        var self = "global::" + model.Namespace + ".Profiles";
        writer.Line("/// <summary>The SmartSync profiles compiled from " + DocText.Code(model.SourceFileName) + ".</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("public static partial class Profiles");
        writer.Open();

        foreach (var profile in model.Profiles)
        {
            var type = "global::" + model.Namespace + "." + profile.ClassName;
            WriteProfileDocs(writer, model, profile);
            writer.Line("public static " + type + " " + profile.Spec.Name + " { get; } = new " + type + "();");
            writer.Line();
        }

        writer.Line("/// <summary>Every compiled profile, in the order of " + DocText.Code(model.SourceFileName) + ".</summary>");
        writer.Line("public static " + ReadOnlyList + "<" + ProfileBase + "> All { get; } =");
        using (writer.Indent())
        {
            WriteReadOnlyArray(writer, ProfileBase, model.Profiles.Select(p => self + "." + p.Spec.Name).ToList());
        }

        writer.Line();
        writer.Line("/// <summary>Every compiled trigger, in the order of " + DocText.Code(model.SourceFileName) + ".</summary>");
        writer.Line("public static " + ReadOnlyList + "<" + SpecLiterals.Semantics + "TriggerSpec> Triggers { get; } =");
        using (writer.Indent())
        {
            WriteReadOnlyArray(writer, SpecLiterals.Semantics + "TriggerSpec", SpecLiterals.Each(model.Triggers, SpecLiterals.Trigger));
        }

        writer.Line();
        WriteGlobalExclusionDocs(writer, model);
        writer.Line("public static global::SmartSync.Definitions.Collections.EquatableArray<" + SpecLiterals.Semantics + "ExcludedEntity> GlobalExclusions { get; } =");
        using (writer.Indent())
        {
            WriteEquatableArray(writer, SpecLiterals.Semantics + "ExcludedEntity", SpecLiterals.Each(model.GlobalExclusions, SpecLiterals.Excluded), ";");
        }

        if (model.AppEntities is { } appEntities)
        {
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line("/// The app's tables, from <c>&lt;AppEntities&gt;</c> and the profiles' Include lists: full sync, Exclude profiles,");
            writer.Line("/// related expansion and the local schema stay inside them (docs/smartsync-xml.md, \"The app's tables\").");
            writer.Line("/// </summary>");
            writer.Line("public static global::SmartSync.Definitions.Collections.EquatableArray<string> AppEntities { get; } =");
            using (writer.Indent())
            {
                WriteEquatableArray(writer, "string", appEntities.Select(CSharpLiteral.String).ToList(), ";");
            }
        }

        // Declared after the lists it is built from: static initializers run in textual order.
        writer.Line();
        writer.Line("/// <summary>This assembly's compiled catalog; clients start from the union of every registered one (<c>SmartSyncCatalog.Compiled</c>).</summary>");
        var appEntitiesArgument = model.AppEntities is null ? string.Empty : ", AppEntities";
        writer.Line("public static global::SmartSync.SmartSyncCatalog Catalog { get; } = new global::SmartSync.SmartSyncCatalog(All, Triggers, GlobalExclusions" + appEntitiesArgument + ");");
        writer.Close();
    }

    private static void WriteProfileClass(IndentedWriter writer, ProfilesModel model, ProfileModel profile)
    {
        var spec = profile.Spec;
        WriteProfileDocs(writer, model, profile);
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("public sealed partial class " + profile.ClassName + " : " + ProfileBase);
        writer.Open();

        writer.Line("/// <summary>Builds the profile from its compiled definition; apps use " + DocText.Code("Profiles." + spec.Name) + ".</summary>");
        writer.Line("internal " + profile.ClassName + "()");
        writer.Line("    : base(CreateSpec())");
        writer.Open();
        writer.Close();
        writer.Line();

        writer.Line("/// <summary>");
        writer.Line("/// The entities this profile syncs as resolved at build time: its list, related expansion and the");
        writer.Line("/// global exclusions. Auto exclusions are decided at run time and may prune more.");
        writer.Line("/// </summary>");
        writer.Line("public " + SpecLiterals.Semantics + "EffectiveEntitySet CompiledEntities { get; } = new " + SpecLiterals.Semantics + "EffectiveEntitySet(");
        using (writer.Indent())
        {
            WriteEquatableArray(writer, "string", profile.Effective.Entities.Select(CSharpLiteral.String).ToList(), ",", "Entities: ");
            WriteEquatableArray(writer, SpecLiterals.Semantics + "PrunedEntity", SpecLiterals.Each(profile.Effective.Pruned, SpecLiterals.Pruned), ",", "Pruned: ");
            writer.Line("IsComplete: " + CSharpLiteral.Bool(profile.Effective.IsComplete) + ");");
        }

        writer.Line();
        writer.Line("private static " + SpecLiterals.Semantics + "ProfileSpec CreateSpec() =>");
        using (writer.Indent())
        {
            writer.Line("new " + SpecLiterals.Semantics + "ProfileSpec(");
            using (writer.Indent())
            {
                writer.Line("Name: " + CSharpLiteral.String(spec.Name) + ",");
                writer.Line("Description: " + CSharpLiteral.StringOrNull(spec.Description) + ",");
                writer.Line("Action: " + CSharpLiteral.Enum(spec.Action) + ",");
                writer.Line("Method: " + CSharpLiteral.Enum(spec.Method) + ",");
                writer.Line("UseGlobalExclusions: " + CSharpLiteral.Bool(spec.UseGlobalExclusions) + ",");
                writer.Line("UseAutoExclusions: " + CSharpLiteral.Bool(spec.UseAutoExclusions) + ",");
                writer.Line("ExcludedModules: " + SpecLiterals.Modules(spec.ExcludedModules) + ",");
                writer.Line("Mode: " + CSharpLiteral.Enum(spec.Mode) + ",");
                WriteEquatableArray(writer, SpecLiterals.Semantics + "EntitySpec", SpecLiterals.Each(spec.Entities, SpecLiterals.Entity), ");", "Entities: ");
            }
        }

        writer.Close();
    }

    private static void WriteRegistration(IndentedWriter writer, ProfilesModel model)
    {
        var profiles = "global::" + model.Namespace + ".Profiles";
        writer.Line("/// <summary>Adds this assembly's compiled catalog to <c>SmartSyncCatalog.Compiled</c> when the assembly loads.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Line("internal static class SmartSyncModuleInitializer");
        writer.Open();
        writer.Line("/// <summary>Runs once, before any other code of this assembly.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line("internal static void Register() =>");
        writer.Line("    global::SmartSync.SmartSyncCatalog.Register(" + profiles + ".Catalog);");
        writer.Close();
    }

    private static void WriteProfileDocs(IndentedWriter writer, ProfilesModel model, ProfileModel profile)
    {
        var spec = profile.Spec;
        writer.Line("/// <summary>");
        var description = spec.Description is null ? [] : DocText.Lines(spec.Description);
        if (description.Count == 0)
        {
            writer.Line("/// The " + DocText.Code(spec.Name) + " SmartSync profile.");
        }
        else
        {
            foreach (var line in description)
            {
                writer.Line("/// " + line);
            }
        }

        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// <para>Direction: " + DocText.Code(spec.Action.ToString()) + ", " + ProfileDocs.Direction(spec.Action) + ".</para>");
        writer.Line("/// <para>Method: " + DocText.Code(spec.Method.ToString()) + ", " + ProfileDocs.Method(spec.Method) + ".</para>");
        writer.Line("/// <para>Excluded modules: " + ProfileDocs.Modules(spec.ExcludedModules) + ".</para>");
        writer.Line("/// <para>Exclusion lists: " + ProfileDocs.ExclusionLists(spec) + ".</para>");
        writer.Line("/// <para>Entity list (" + spec.Mode + "): " + ProfileDocs.EntityList(spec) + ".</para>");
        writer.Line("/// <para>Effective entities at build time: " + ProfileDocs.Names(profile.Effective.Entities) + ".</para>");
        foreach (var line in ProfileDocs.Pruned(profile.Effective))
        {
            writer.Line("/// " + line);
        }

        if (!profile.Effective.IsComplete)
        {
            writer.Line("/// <para>" + ProfileDocs.Incomplete(spec, model.DataModelFileName) + "</para>");
        }

        writer.Line("/// <para>Triggers: " + ProfileDocs.Triggers(profile.Triggers) + ".</para>");
        writer.Line("/// </remarks>");
    }

    private static void WriteGlobalExclusionDocs(IndentedWriter writer, ProfilesModel model)
    {
        writer.Line("/// <summary>");
        if (model.GlobalExclusionsAreExplicit)
        {
            writer.Line("/// The global exclusion list, as listed in the <c>&lt;GlobalExclusions&gt;</c> element of " + DocText.Code(model.SourceFileName) + ".");
        }
        else if (model.DataModelFileName is not null)
        {
            writer.Line("/// The global exclusion list, computed from " + DocText.Code(model.DataModelFileName) + ": stable and enum-like entities.");
        }
        else
        {
            writer.Line("/// The global exclusion list: empty, as there is no data model to compute it from.");
        }

        writer.Line("/// Profiles with <c>GlobalExclusions=\"true\"</c> do not sync these entities unless their Include list names them.");
        writer.Line("/// </summary>");
        if (model.GlobalExclusions.Count > 0)
        {
            writer.Line("/// <remarks>");
            writer.Line("/// <list type=\"bullet\">");
            foreach (var entity in model.GlobalExclusions)
            {
                writer.Line("/// <item><description>" + DocText.Code(entity.Name) + ": " + DocText.Escape(entity.Reason) + "</description></item>");
            }

            writer.Line("/// </list>");
            writer.Line("/// </remarks>");
        }
    }

    /// <summary>Writes a read-only array initializer ending the property (<c>;</c>).</summary>
    private static void WriteReadOnlyArray(IndentedWriter writer, string elementType, IReadOnlyList<string> elements)
    {
        if (elements.Count == 0)
        {
            writer.Line("global::System.Array.AsReadOnly(global::System.Array.Empty<" + elementType + ">());");
            return;
        }

        writer.Line("global::System.Array.AsReadOnly(new " + elementType + "[]");
        writer.Open();
        foreach (var element in elements)
        {
            writer.Line(element + ",");
        }

        writer.Close(");");
    }

    /// <summary>Writes an <c>EquatableArray</c> expression, one element a line, followed by <paramref name="suffix"/>.</summary>
    private static void WriteEquatableArray(IndentedWriter writer, string elementType, IReadOnlyList<string> elements, string suffix, string prefix = "")
    {
        if (elements.Count == 0)
        {
            writer.Line(prefix + SpecLiterals.EquatableArrayOf(elementType, elements) + suffix);
            return;
        }

        writer.Line(prefix + SpecLiterals.EquatableArrayFactory + ".Create<" + elementType + ">(");
        using (writer.Indent())
        {
            for (var i = 0; i < elements.Count; i++)
            {
                writer.Line(elements[i] + (i == elements.Count - 1 ? ")" + suffix : ","));
            }
        }
    }
}
