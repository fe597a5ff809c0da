using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Generator.Model;

/// <summary>Everything <c>Profiles.g.cs</c> is written from; value-equatable, no compiler or source objects.</summary>
/// <param name="Namespace">The namespace of the generated types.</param>
/// <param name="SourceFileName">The SmartSync.xml file name, quoted in doc comments.</param>
/// <param name="DataModelFileName">The data model's file name, or null without a (valid) data model.</param>
/// <param name="Profiles">The profiles, in document order.</param>
/// <param name="Triggers">All triggers, in document order.</param>
/// <param name="GlobalExclusions">The global exclusion list in force, each entity with its reason.</param>
/// <param name="GlobalExclusionsAreExplicit">Whether the list comes from <c>&lt;GlobalExclusions&gt;</c> rather than the data model.</param>
/// <param name="AppEntities">The app's tables when SmartSync.xml states them; null emits nothing (every table is the app's).</param>
internal sealed record ProfilesModel(
    string Namespace,
    string SourceFileName,
    string? DataModelFileName,
    EquatableArray<ProfileModel> Profiles,
    EquatableArray<TriggerSpec> Triggers,
    EquatableArray<ExcludedEntity> GlobalExclusions,
    bool GlobalExclusionsAreExplicit,
    EquatableArray<string>? AppEntities = null);
