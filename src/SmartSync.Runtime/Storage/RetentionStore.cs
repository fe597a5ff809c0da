using System;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>Applies <see cref="RetentionOptions"/> to the engine's bookkeeping tables (in the transaction that records a run).</summary>
internal static class RetentionStore
{
    /// <param name="connection">The writer connection.</param>
    /// <param name="transaction">The run's finalizing transaction.</param>
    /// <param name="retention">What to keep.</param>
    /// <param name="downloadsPerEntity">Download history rows each entity keeps whatever the run limit (the auto-exclusion window).</param>
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, RetentionOptions retention, int downloadsPerEntity)
    {
        var runs = Math.Max(1, retention.Runs);
        var firstKept = SyncStore.ExecuteScalarLong(
            connection, transaction, "SELECT IFNULL(MIN(run_id), 0) FROM (SELECT run_id FROM __ss_history ORDER BY run_id DESC LIMIT $n)", ("$n", (long)runs));
        using (var history = SyncStore.Command(
            connection,
            transaction,
            "DELETE FROM __ss_history WHERE run_id < $r; DELETE FROM __ss_log WHERE run_id < $r; " +
            "DELETE FROM __ss_download_history WHERE run_id < $r AND id NOT IN " +
            "(SELECT d.id FROM __ss_download_history d WHERE d.entity = __ss_download_history.entity ORDER BY d.id DESC LIMIT $q)",
            ("$r", firstKept),
            ("$q", (long)Math.Max(0, downloadsPerEntity))))
        {
            history.ExecuteNonQuery();
        }

        using var mail = SyncStore.Command(
            connection,
            transaction,
            "DELETE FROM __ss_mail WHERE id NOT IN (SELECT id FROM __ss_mail ORDER BY received_at DESC, id DESC LIMIT $n)",
            ("$n", (long)Math.Max(0, retention.MailMessages)));
        mail.ExecuteNonQuery();
    }
}
