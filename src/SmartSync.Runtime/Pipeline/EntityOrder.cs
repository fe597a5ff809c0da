using System;
using System.Collections.Generic;
using SmartSync.Storage;

namespace SmartSync.Pipeline;

/// <summary>Orders entities parents first (an entity after the entities its lookups point to), so uploads never reference a record the server lacks.</summary>
internal static class EntityOrder
{
    public static List<LocalTable> ParentsFirst(IReadOnlyList<LocalTable> tables)
    {
        var byName = new Dictionary<string, LocalTable>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            byName[table.Name] = table;
        }

        var result = new List<LocalTable>(tables.Count);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        foreach (var table in tables)
        {
            Visit(table, byName, state, result);
        }

        return result;
    }

    private static void Visit(LocalTable table, Dictionary<string, LocalTable> byName, Dictionary<string, bool> state, List<LocalTable> result)
    {
        if (state.ContainsKey(table.Name))
        {
            return; // done, or a lookup cycle: the first entity reached wins
        }

        state[table.Name] = false;
        foreach (var lookup in table.Definition.Lookups)
        {
            if (lookup.TargetEntity != table.Name && byName.TryGetValue(lookup.TargetEntity, out var parent))
            {
                Visit(parent, byName, state, result);
            }
        }

        state[table.Name] = true;
        result.Add(table);
    }
}
