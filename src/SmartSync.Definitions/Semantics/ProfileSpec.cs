using SmartSync.Definitions.Collections;

namespace SmartSync.Definitions.Semantics;

/// <summary>
/// A validated profile with every default applied and no source positions, so that editing
/// whitespace in SmartSync.xml leaves it equal (and the generator's cache warm).
/// </summary>
public sealed record ProfileSpec(
    string Name,
    string? Description,
    SyncAction Action,
    SyncMethod Method,
    bool UseGlobalExclusions,
    bool UseAutoExclusions,
    SyncModules ExcludedModules,
    EntitiesMode Mode,
    EquatableArray<EntitySpec> Entities);
