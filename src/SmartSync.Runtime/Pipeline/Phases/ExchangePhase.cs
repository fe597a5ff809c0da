using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>The mail sync that follows the main engine: Exchange messages into the mail table.</summary>
internal sealed class ExchangePhase : CursorPagedPhase<MailItem, IReadOnlyList<MailItem>>
{
    public override string Name => "Exchange";

    public override SyncModules SkipFlag => SyncModules.NoExchange;

    protected override string CursorModule => CursorStore.Exchange;

    protected override async Task<(IReadOnlyList<MailItem> Items, string Cursor, bool HasMore)> FetchAsync(SyncRunContext context, string? cursor, CancellationToken cancellationToken)
    {
        var page = await context.Transport.GetMailAsync(cursor, context.Options.PageSize, cancellationToken).ConfigureAwait(false);
        return (page.Items, page.Cursor, page.HasMore);
    }

    protected override ValueTask<IReadOnlyList<MailItem>> PrepareAsync(SyncRunContext context, IReadOnlyList<MailItem> items, CancellationToken cancellationToken) =>
        ValueTask.FromResult(items);

    protected override int Apply(SyncRunContext context, SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<MailItem> ready)
    {
        MailStore.Upsert(connection, transaction, ready);
        return ready.Count;
    }
}
