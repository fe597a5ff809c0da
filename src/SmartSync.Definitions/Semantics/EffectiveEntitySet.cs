using SmartSync.Definitions.Collections;

namespace SmartSync.Definitions.Semantics;

/// <summary>
/// The entities a profile actually syncs, after its list, related expansion and exclusions.
/// </summary>
/// <param name="Entities">The entities to sync, explicit ones first, then the rest by name.</param>
/// <param name="Pruned">Entities that an exclusion list removed, with the list and reason.</param>
/// <param name="IsComplete">False when an Exclude list or related expansion could not be resolved for want of a data model.</param>
public sealed record EffectiveEntitySet(EquatableArray<string> Entities, EquatableArray<PrunedEntity> Pruned, bool IsComplete);
