using System;
using System.IO;
using Microsoft.Data.Sqlite;
using SmartSync.Transport;

namespace SmartSync.Storage;

/// <summary>
/// Writes images, attachments and documents into <c>__ss_blob</c>. The row is sized first (<c>zeroblob</c>), then the
/// content is copied into it in chunks with SQLite's incremental blob I/O, so a large blob never sits whole in memory.
/// Callers pass the transaction that also moves the blob cursor: a failure part-way leaves neither row nor cursor.
/// </summary>
internal static class BlobStore
{
    private const int ChunkBytes = 81920;

    /// <summary>Drops a blob the server no longer holds; the number of rows removed (0 when the device never had it).</summary>
    public static int Delete(SqliteConnection connection, SqliteTransaction transaction, BlobKind kind, string id)
    {
        using var delete = SyncStore.Command(connection, transaction, "DELETE FROM __ss_blob WHERE kind = $kind AND id = $id", ("$kind", (long)kind), ("$id", id));
        return delete.ExecuteNonQuery();
    }

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, BlobItem item, Stream content, long length)
    {
        long rowid;
        using (var upsert = SyncStore.Command(
            connection,
            transaction,
            "INSERT INTO __ss_blob (kind, id, entity, record_key, file_name, content_type, content) VALUES ($kind, $id, $e, $k, $f, $c, zeroblob($n)) " +
            "ON CONFLICT(kind, id) DO UPDATE SET entity = excluded.entity, record_key = excluded.record_key, file_name = excluded.file_name, " +
            "content_type = excluded.content_type, content = excluded.content RETURNING rowid",
            ("$kind", (long)item.Kind),
            ("$id", item.Id),
            ("$e", item.Entity),
            ("$k", item.RecordKey),
            ("$f", item.FileName),
            ("$c", item.ContentType),
            ("$n", length)))
        {
            rowid = (long)upsert.ExecuteScalar()!;
        }

        if (length == 0)
        {
            return;
        }

        using var blob = new SqliteBlob(connection, "__ss_blob", "content", rowid);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            long written = 0;
            int read;
            while ((read = content.Read(buffer, 0, (int)Math.Min(ChunkBytes, length - written))) > 0)
            {
                blob.Write(buffer, 0, read);
                written += read;
                if (written == length)
                {
                    break;
                }
            }

            if (written != length)
            {
                throw new InvalidDataException($"Blob '{item.Id}' has {written} bytes, not the {length} its row was sized for.");
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
