using System;
using System.Collections.Generic;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Semantics;
using SmartSync.Generator.Inputs;
using SmartSync.Generator.Naming;
using SmartSync.Data;

namespace SmartSync.Generator.Model;

/// <summary>Builds the record-type model: one type per app table (see <see cref="AppTables.Select"/>).</summary>
internal static class RecordTypesBuilder
{
    /// <param name="profiles">The profiles step's output (effective entity sets, app tables, namespace, file names).</param>
    /// <param name="dataModel">The data model.</param>
    public static RecordTypesModel? Build(ProfilesModel? profiles, DataModelInput dataModel)
    {
        if (profiles is null || dataModel.Model is not { } model)
        {
            return null;
        }

        var selection = AppTables.Select(profiles, model);
        var tables = new List<EntityTypeDefinition>();
        var skipped = new List<string>();
        foreach (var name in selection.Entities)
        {
            var entity = model.Find(name)!;
            if (entity.Key is { } keyName && entity.FindProperty(keyName) is { } key && KeyKind(key) is not null)
            {
                tables.Add(entity);
            }
            else
            {
                skipped.Add(name);
            }
        }

        var classNames = ClassNames(tables);
        var types = new List<RecordTypeModel>(tables.Count);
        foreach (var entity in tables)
        {
            types.Add(Type(entity, classNames));
        }

        return new RecordTypesModel(
            profiles.Namespace,
            dataModel.FileName ?? "the data model",
            profiles.SourceFileName,
            types.ToEquatableArray(),
            selection.SkippedExcludeProfiles,
            skipped.ToEquatableArray());
    }

    private static Dictionary<string, string> ClassNames(List<EntityTypeDefinition> tables)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { "Profiles", "EntityNames" };
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in tables)
        {
            var candidate = IdentifierText.EscapeKeyword(EntityIdentifiers.PascalCase(entity.Name).TrimStart('@') + "Record");
            var unique = candidate;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = candidate + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result[entity.Name] = unique;
        }

        return result;
    }

    private static RecordTypeModel Type(EntityTypeDefinition entity, Dictionary<string, string> classNames)
    {
        var className = classNames[entity.Name];

        // Typed lookups: a Guid foreign key whose target is an app table with a Guid key.
        var lookups = new Dictionary<string, LookupDefinition>(StringComparer.Ordinal);
        foreach (var lookup in entity.Lookups)
        {
            if (lookup.ForeignKey is { } fk && classNames.ContainsKey(lookup.TargetEntity) && !lookups.ContainsKey(fk)
                && entity.FindProperty(fk) is { EdmType: "Edm.Guid" })
            {
                lookups[fk] = lookup;
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal)
        {
            className, "Table", "Columns", "Version", "TableColumns", "TableDefinition",
            "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
        };
        var properties = new List<RecordPropertyModel>(entity.Properties.Count);
        var keyOrdinal = 0;
        for (var i = 0; i < entity.Properties.Count; i++)
        {
            var property = entity.Properties[i];
            var isKey = property.Name == entity.Key;
            if (isKey)
            {
                keyOrdinal = i;
            }

            lookups.TryGetValue(property.Name, out var lookup);
            var baseName = EntityIdentifiers.PascalCase(lookup?.Name ?? ForeignKeyStem(property.Name)).TrimStart('@');
            var identifier = baseName;
            for (var n = 2; !used.Add(identifier); n++)
            {
                identifier = baseName + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            properties.Add(new RecordPropertyModel(
                IdentifierText.EscapeKeyword(identifier),
                property.Name,
                property.EdmType,
                isKey ? KeyKind(property)!.Value : KindOf(property.EdmType),
                isKey,
                property.Nullable,
                property.MaxLength,
                lookup?.Name,
                lookup?.TargetEntity,
                lookup is null ? null : classNames[lookup.TargetEntity]));
        }

        return new RecordTypeModel(className, entity.Name, entity.EntitySetName, entity.BaseType, keyOrdinal, properties.ToEquatableArray());
    }

    /// <summary><c>_ownerid_value</c> (Dataverse's lookup column) reads as <c>ownerid</c>.</summary>
    private static string ForeignKeyStem(string name) =>
        name.Length > 7 && name.StartsWith("_", StringComparison.Ordinal) && name.EndsWith("_value", StringComparison.Ordinal)
            ? name.Substring(1, name.Length - 7)
            : name;

    /// <summary>Keys the runtime can address: GUIDs (generated for creates), text and integers (supplied by the app).</summary>
    private static ColumnKind? KeyKind(PropertyDefinition key) => KindOf(key.EdmType) switch
    {
        ColumnKind.Guid => ColumnKind.Guid,
        ColumnKind.Text when key.EdmType == "Edm.String" => ColumnKind.Text,
        ColumnKind.Int32 => ColumnKind.Int32,
        ColumnKind.Int64 => ColumnKind.Int64,
        _ => null,
    };

    /// <summary>The one EDM → CLR mapping the runtime's untyped tables use too (docs/data-access.md).</summary>
    public static ColumnKind KindOf(string edmType) => EdmTypes.ClrKindOf(edmType);
}
