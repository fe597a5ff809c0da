using SmartSync.Definitions.Collections;

namespace SmartSync.Generator.Model;

/// <summary>Which tables of the data model the app uses, so record types are generated for those only.</summary>
/// <param name="Entities">The app's tables, ordered by logical name.</param>
/// <param name="SkippedExcludeProfiles">Exclude-mode profiles whose tables were not taken (they would pull in the whole model).</param>
internal sealed record AppTableSelection(EquatableArray<string> Entities, EquatableArray<string> SkippedExcludeProfiles);
