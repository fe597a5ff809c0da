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
        foreach (var spec in definitions.Profiles)
        {
            // Auto exclusions come from run-time data; at build time the list is empty.
            var effective = EffectiveEntityResolver.Resolve(spec, model, globalExclusions, EquatableArray<ExcludedEntity>.Empty);
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
            definitions.ExplicitGlobalExclusions is not null);
    }

    public static EntityNamesModel? BuildEntityNames(DataModelInput dataModel, string @namespace)
    {
        if (dataModel.Model is not { } model)
        {
            return null;
        }

        var ordered = model.Entities.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
        var identifiers = EntityIdentifiers.Assign(ordered.Select(e => e.Name).ToList());
        var constants = ordered
            .Select((e, i) => new EntityConstantModel(identifiers[i], e.Name, e.EntitySetName, e.BaseType))
            .ToEquatableArray();
        return new EntityNamesModel(@namespace, dataModel.FileName ?? "the data model", constants);
    }
}
