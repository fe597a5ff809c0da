using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Generator.Inputs;
using SmartSync.Generator.Naming;

namespace SmartSync.Generator.Model;

/// <summary>Turns the validated definitions and data model into the emit models.</summary>
internal static class ModelBuilder
{
    public static ProfilesModel BuildProfiles(DefinitionsModel definitions, DataModelInput dataModel, string @namespace)
    {
        var model = dataModel.Model;
        var globalExclusions = GlobalExclusionCalculator.Effective(model, definitions.ExplicitGlobalExclusions);
        var profiles = new List<ProfileModel>(definitions.Profiles.Count);
        IReadOnlyCollection<string>? scope = definitions.AppEntityScope is { } stated ? stated : null;
        foreach (var spec in definitions.Profiles)
        {
            // Auto exclusions come from run-time data; at build time the list is empty.
            var effective = EffectiveEntityResolver.Resolve(spec, model, globalExclusions, EquatableArray<ExcludedEntity>.Empty, scope);
            var triggers = definitions.Triggers
                .Where(t => string.Equals(t.Launch, spec.Name, StringComparison.Ordinal))
                .ToEquatableArray();
            profiles.Add(new ProfileModel(spec, spec.Name + "Profile", effective, triggers));
        }

        return new ProfilesModel(
            @namespace,
            definitions.FileName,
            model is null ? null : dataModel.FileName,
            profiles.ToEquatableArray(),
            definitions.Triggers,
            globalExclusions,
            definitions.ExplicitGlobalExclusions is not null,
            definitions.AppEntityScope);
    }

    /// <param name="dataModel">The data model.</param>
    /// <param name="appEntities">The app's tables when SmartSync.xml states them: then only they get a constant.</param>
    /// <param name="namespace">The namespace of the generated type.</param>
    public static EntityNamesModel? BuildEntityNames(DataModelInput dataModel, EquatableArray<string>? appEntities, string @namespace)
    {
        if (dataModel.Model is not { } model)
        {
            return null;
        }

        var scope = appEntities is { } stated ? new HashSet<string>(stated, StringComparer.Ordinal) : null;
        var ordered = model.Entities.Where(e => scope is null || scope.Contains(e.Name)).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var identifiers = EntityIdentifiers.Assign(ordered.Select(e => e.Name).ToList());
        var constants = ordered
            .Select((e, i) => new EntityConstantModel(identifiers[i], e.Name, e.EntitySetName, e.BaseType))
            .ToEquatableArray();
        return new EntityNamesModel(@namespace, dataModel.FileName ?? "the data model", constants);
    }
}
