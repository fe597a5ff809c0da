using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>The mail sync that follows the main engine: Exchange messages into the mail table.</summary>
internal sealed class ExchangePhase : ISyncPhase
{
    public string Name => "Exchange";

    public SyncModules SkipFlag => SyncModules.NoExchange;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Download;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var total = 0;
        string? cursor;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            cursor = CursorStore.Get(lease.Connection, null, CursorStore.Exchange, CursorStore.AnyEntity)?.Value;
        }

        while (true)
        {
            var page = await context.Transport.GetMailAsync(cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                using var tx = lease.Connection.BeginTransaction();
                MailStore.Upsert(lease.Connection, tx, page.Items);

                CursorStore.Set(lease.Connection, tx, CursorStore.Exchange, CursorStore.AnyEntity, page.Cursor, complete: !page.HasMore, context.Now);
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
}
