using System.Collections.Generic;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Definitions.Validation;

/// <summary>What the validator found and what survived it.</summary>
internal sealed record ValidationOutput(
    IReadOnlyList<DefinitionDiagnostic> Diagnostics,
    EquatableArray<ProfileSpec> Profiles,
    EquatableArray<TriggerSpec> Triggers,
    EquatableArray<string>? ExplicitGlobalExclusions,
    EquatableArray<ExcludedEntity> GlobalExclusions,
    EquatableArray<string>? ExplicitAppEntities = null,
    EquatableArray<string> AppEntities = default);
