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
    /// <summary>The selection from the profiles step's output: its effective entity sets are reused, not resolved again.</summary>
    public static AppTableSelection Select(ProfilesModel profiles, EntityDataModel model)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = new List<string>();
        if (profiles.AppEntities is { } stated)
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

        foreach (var profile in profiles.Profiles)
        {
            if (profile.Spec.Mode == EntitiesMode.Exclude)
            {
                skipped.Add(profile.Spec.Name);
                continue;
            }

            // Without a stated list the profiles step resolved each profile over the whole model, global exclusions applied.
            foreach (var entity in profile.Effective.Entities)
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
