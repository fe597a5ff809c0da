using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Exclusions;

/// <summary>Reads the persisted auto exclusion list (entity and reason).</summary>
internal static class AutoExclusionStore
{
    public static IReadOnlyList<ExcludedEntity> List(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = Storage.SyncStore.Command(connection, transaction, "SELECT entity, reason FROM __ss_auto_exclusion ORDER BY entity");
        using var reader = command.ExecuteReader();
        var result = new List<ExcludedEntity>();
        while (reader.Read())
        {
            result.Add(new ExcludedEntity(reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }
}
