using SmartSync.Definitions.Collections;

namespace SmartSync.Generator.Model;

/// <summary>Everything <c>RecordTypes.g.cs</c> is written from; value-equatable.</summary>
/// <param name="Namespace">The namespace of the generated types.</param>
/// <param name="DataModelFileName">The data model's file name, quoted in doc comments.</param>
/// <param name="SourceFileName">The SmartSync.xml file name, quoted in doc comments.</param>
/// <param name="Types">One record type per app table, ordered by logical name.</param>
/// <param name="SkippedExcludeProfiles">Exclude-mode profiles whose tables got no record types.</param>
/// <param name="SkippedTables">App tables without a usable key (composite or of an unsupported type), with no record type.</param>
internal sealed record RecordTypesModel(
    string Namespace,
    string DataModelFileName,
    string SourceFileName,
    EquatableArray<RecordTypeModel> Types,
    EquatableArray<string> SkippedExcludeProfiles,
    EquatableArray<string> SkippedTables);
