using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Generator.Model;

/// <summary>One generated profile class and its <c>Profiles</c> property.</summary>
/// <param name="Spec">The validated definition, emitted as a <c>ProfileSpec</c> literal.</param>
/// <param name="ClassName">The generated class, <c>{Name}Profile</c>.</param>
/// <param name="Effective">The entity set at build time (global exclusions applied, auto exclusions are a run-time matter).</param>
/// <param name="Triggers">The triggers that launch this profile, in document order.</param>
internal sealed record ProfileModel(
    ProfileSpec Spec,
    string ClassName,
    EffectiveEntitySet Effective,
    EquatableArray<TriggerSpec> Triggers);
