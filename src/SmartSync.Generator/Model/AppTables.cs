using System;
using System.Collections.Generic;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Generator.Model;

/// <summary>
/// The app's tables: the one place that decides which entities get generated record types.
/// </summary>
/// <remarks>
/// When SmartSync.xml states the app's tables (<c>&lt;AppEntities&gt;</c>, docs/smartsync-xml.md) they are
/// exactly those. Otherwise they are the union of the Include-mode profiles' effective entities (listed
/// entities plus their related expansion, global exclusions applied as for the profiles); Exclude-mode
/// profiles are skipped on purpose then: against a Dataverse model they would generate a class for each
/// of its 1,000+ tables.
/// </remarks>
internal static class AppTables
{
    public static AppTableSelection Select(DefinitionsModel definitions, EntityDataModel model, EquatableArray<ExcludedEntity> globalExclusions)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        if (definitions.AppEntityScope is { } stated)
        {
            foreach (var entity in stated)
            {
                if (model.Find(entity) is { IsSyncable: true })
                {
                    names.Add(entity);
                }
            }

            return new AppTableSelection(names.ToEquatableArray(), EquatableArray<string>.Empty);
        }

        foreach (var profile in definitions.Profiles)
        {
            if (profile.Mode == EntitiesMode.Exclude)
            {
                skipped.Add(profile.Name);
                continue;
            }

            var effective = EffectiveEntityResolver.Resolve(profile, model, globalExclusions, EquatableArray<ExcludedEntity>.Empty);
            foreach (var entity in effective.Entities)
            {
                if (model.Find(entity) is { IsSyncable: true })
                {
                    names.Add(entity);
                }
            }
        }

        return new AppTableSelection(names.ToEquatableArray(), skipped.ToEquatableArray());
    }
}
