using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Definitions.Semantics;

/// <summary>
/// The app's tables (docs/smartsync-xml.md, "The app's tables"): a Dataverse environment has 1,000+ tables, an
/// app syncs a few dozen. When SmartSync.xml has <c>&lt;AppEntities&gt;</c>, the app's tables are the entities it
/// lists plus every entity a profile's Include list names, and full sync, Exclude profiles, related/Deep expansion,
/// the local schema and <c>EntityNames</c> stay inside them. Without the element, every table of the data model is
/// the app's (SS0014 warns when that is more than <see cref="LargeModelTables"/>).
/// </summary>
internal static class AppEntityList
{
    /// <summary>Above this many syncable tables, a model without <c>&lt;AppEntities&gt;</c> gets SS0014.</summary>
    public const int LargeModelTables = 100;

    /// <summary>The app's tables, sorted ordinally.</summary>
    /// <param name="model">The data model, when there is one.</param>
    /// <param name="explicitList">The <c>&lt;AppEntities&gt;</c> names, or null when the file has none.</param>
    /// <param name="includedNames">Entities the profiles' Include lists name.</param>
    public static EquatableArray<string> Effective(EntityDataModel? model, EquatableArray<string>? explicitList, IEnumerable<string> includedNames)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (explicitList is { } listed)
        {
            names.UnionWith(listed);
            names.UnionWith(includedNames);
        }
        else if (model is not null)
        {
            names.UnionWith(model.SyncableEntities.Select(e => e.Name));
        }
        else
        {
            names.UnionWith(includedNames);
        }

        if (model is not null)
        {
            names.RemoveWhere(n => !model.Contains(n));
        }

        return names.ToEquatableArray();
    }
}
