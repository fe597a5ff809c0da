using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>The user's permissions per entity (<c>__ss_permission</c>), as the last preparation phase received them.</summary>
internal static class PermissionStore
{
    /// <summary>Replaces every stored permission with the server's current list.</summary>
    public static void ReplaceAll(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<EntityPermission> permissions)
    {
        SyncStore.Execute(connection, transaction, "DELETE FROM __ss_permission");
        using var insert = SyncStore.Command(
            connection,
            transaction,
            "INSERT OR REPLACE INTO __ss_permission (entity, can_read, can_create, can_update, can_delete) VALUES ($e, $r, $c, $u, $d)",
            ("$e", string.Empty),
            ("$r", false),
            ("$c", false),
            ("$u", false),
            ("$d", false));
        foreach (var permission in permissions)
        {
            insert.Parameters["$e"].Value = permission.Entity;
            insert.Parameters["$r"].Value = permission.CanRead;
            insert.Parameters["$c"].Value = permission.CanCreate;
            insert.Parameters["$u"].Value = permission.CanUpdate;
            insert.Parameters["$d"].Value = permission.CanDelete;
            insert.ExecuteNonQuery();
        }
    }
}
