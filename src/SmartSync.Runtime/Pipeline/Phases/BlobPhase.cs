using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>Downloads entity images, attachments or documents into the blob table, with one cursor per kind.</summary>
internal sealed class BlobPhase : ISyncPhase
{
    private readonly BlobKind _kind;
    private readonly string _module;

    public BlobPhase(string name, BlobKind kind, SyncModules skipFlag)
    {
        Name = name;
        _kind = kind;
        SkipFlag = skipFlag;
        _module = "blob:" + kind.ToString().ToLowerInvariant();
    }

    public string Name { get; }

    public SyncModules SkipFlag { get; }

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        string? cursor;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            cursor = CursorStore.Get(lease.Connection, null, _module, CursorStore.AnyEntity)?.Value;
        }

        while (true)
        {
            var page = await context.Transport.GetBlobsAsync(_kind, cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                using var tx = lease.Connection.BeginTransaction();
                using var insert = SyncStore.Command(
                    lease.Connection,
                    tx,
                    "INSERT INTO __ss_blob (kind, id, entity, record_key, file_name, content_type, content) VALUES ($kind, $id, $e, $k, $f, $c, $b) " +
                    "ON CONFLICT(kind, id) DO UPDATE SET entity = excluded.entity, record_key = excluded.record_key, file_name = excluded.file_name, content_type = excluded.content_type, content = excluded.content",
                    ("$kind", (long)_kind),
                    ("$id", string.Empty),
                    ("$e", string.Empty),
                    ("$k", string.Empty),
                    ("$f", string.Empty),
                    ("$c", string.Empty),
                    ("$b", System.Array.Empty<byte>()));
                foreach (var item in page.Items)
                {
                    insert.Parameters["$id"].Value = item.Id;
                    insert.Parameters["$e"].Value = item.Entity;
                    insert.Parameters["$k"].Value = item.RecordKey;
                    insert.Parameters["$f"].Value = item.FileName;
                    insert.Parameters["$c"].Value = item.ContentType;
                    insert.Parameters["$b"].Value = item.Content;
                    insert.ExecuteNonQuery();
                }

                CursorStore.Set(lease.Connection, tx, _module, CursorStore.AnyEntity, page.Cursor, complete: !page.HasMore, context.Now);
                tx.Commit();
            }

            total += page.Items.Count;
            cursor = page.Cursor;
            context.Progress.Report(null, total);
            if (!page.HasMore)
            {
                return total;
            }
        }
    }

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} ({1})", Name, _kind);
}
