using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>Mail the Exchange phase downloaded (<c>__ss_mail</c>); retention bounds it (see <see cref="RetentionStore"/>).</summary>
internal static class MailStore
{
    /// <summary>Stores a page of mail; a message received again replaces the stored one.</summary>
    public static void Upsert(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<MailItem> items)
    {
        using var insert = SyncStore.Command(
            connection,
            transaction,
            "INSERT OR REPLACE INTO __ss_mail (id, subject, sender, recipient, received_at, body) VALUES ($id, $s, $f, $t, $r, $b)",
            ("$id", string.Empty),
            ("$s", string.Empty),
            ("$f", string.Empty),
            ("$t", string.Empty),
            ("$r", string.Empty),
            ("$b", string.Empty));
        foreach (var mail in items)
        {
            insert.Parameters["$id"].Value = mail.Id;
            insert.Parameters["$s"].Value = mail.Subject;
            insert.Parameters["$f"].Value = mail.From;
            insert.Parameters["$t"].Value = mail.To;
            insert.Parameters["$r"].Value = mail.ReceivedAt.ToString("O", CultureInfo.InvariantCulture);
            insert.Parameters["$b"].Value = mail.Body;
            insert.ExecuteNonQuery();
        }
    }
}
