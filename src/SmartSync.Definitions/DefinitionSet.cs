using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Semantics;
using SmartSync.Definitions.Syntax;

namespace SmartSync.Definitions;

/// <summary>Everything read from one SmartSync.xml: its syntax, its diagnostics and its valid profiles and triggers.</summary>
internal sealed class DefinitionSet
{
    internal DefinitionSet(
        SmartSyncDocumentSyntax syntax,
        IReadOnlyList<DefinitionDiagnostic> diagnostics,
        EquatableArray<ProfileSpec> profiles,
        EquatableArray<TriggerSpec> triggers,
        EquatableArray<string>? explicitGlobalExclusions,
        EquatableArray<ExcludedEntity> globalExclusions,
        EntityDataModel? dataModel,
        EquatableArray<string>? explicitAppEntities,
        EquatableArray<string> appEntities)
    {
        ExplicitAppEntities = explicitAppEntities;
        AppEntities = appEntities;
        Syntax = syntax;
        Diagnostics = diagnostics;
        Profiles = profiles;
        Triggers = triggers;
        ExplicitGlobalExclusions = explicitGlobalExclusions;
        GlobalExclusions = globalExclusions;
        DataModel = dataModel;
    }

    public SmartSyncDocumentSyntax Syntax { get; }

    /// <summary>Diagnostics located in SmartSync.xml (the data model's own are on its <see cref="DataModelReadResult"/>).</summary>
    public IReadOnlyList<DefinitionDiagnostic> Diagnostics { get; }

    /// <summary>Profiles without errors, in document order.</summary>
    public EquatableArray<ProfileSpec> Profiles { get; }

    /// <summary>Triggers without errors whose profile is valid, in document order.</summary>
    public EquatableArray<TriggerSpec> Triggers { get; }

    /// <summary>The <c>&lt;GlobalExclusions&gt;</c> list when the file has one; it replaces the computed list.</summary>
    public EquatableArray<string>? ExplicitGlobalExclusions { get; }

    /// <summary>The data model the file was checked against, if any.</summary>
    public EntityDataModel? DataModel { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>The <c>&lt;AppEntities&gt;</c> list as written (valid names), or null when the file has none.</summary>
    public EquatableArray<string>? ExplicitAppEntities { get; }

    /// <summary>
    /// The app's tables, sorted: the <c>&lt;AppEntities&gt;</c> list plus every entity an Include list names when the file
    /// has the element; otherwise every syncable table of the data model (or, without a model, the Include lists' names).
    /// Full sync, Exclude profiles, related expansion, the local schema and generated code work over these.
    /// </summary>
    public EquatableArray<string> AppEntities { get; }

    /// <summary>
    /// What <see cref="Semantics.EffectiveEntityResolver"/> and the runtime restrict themselves to: <see cref="AppEntities"/>
    /// when the file states them, null (the whole model) when it does not.
    /// </summary>
    public EquatableArray<string>? AppEntityScope => ExplicitAppEntities is null ? null : AppEntities;

    /// <summary>The global exclusion list in force: explicit, or computed from the data model.</summary>
    public EquatableArray<ExcludedEntity> GlobalExclusions { get; }
}
