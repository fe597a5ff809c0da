using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Diagnostics;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Uploads the outbox, parents before children. The outbox is read up to a snapshot of its
/// sequence, so changes the app makes meanwhile stay queued for the next run; several changes of
/// one record go up as one (the row's current state). Conflicts follow the entity's strategy.
/// </summary>
internal sealed class UploadPhase : ISyncPhase
{
    public string Name => "Upload";

    public SyncModules SkipFlag => SyncModules.None;

    public bool AlwaysRuns => false;

    public PhaseDirection Direction => PhaseDirection.Upload;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        await RefetchAsync(context, cancellationToken).ConfigureAwait(false);
        long snapshot;
        HashSet<string> pendingEntities;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            (snapshot, pendingEntities) = OutboxStore.Snapshot(lease.Connection);
        }

        var total = 0;
        var leftOver = new List<LocalTable>();
        foreach (var table in context.Entities)
        {
            if (!pendingEntities.Contains(table.Name))
            {
                continue;
            }

            total += await UploadTableAsync(context, table, snapshot, cancellationToken).ConfigureAwait(false);
            if (await HasQueuedAsync(context, table, snapshot, cancellationToken).ConfigureAwait(false))
            {
                leftOver.Add(table);
            }
        }

        // A transport leaves a change queued when the record its lookup points at is not on the server yet (tables
        // that reference each other, such as account and contact, have no parents-first order). Once the other
        // tables went up, one more pass sends those changes; what still cannot go waits for the next run.
        if (total > 0)
        {
            foreach (var table in leftOver)
            {
                total += await UploadTableAsync(context, table, snapshot, cancellationToken).ConfigureAwait(false);
            }
        }

        return total;
    }

    private static async Task<bool> HasQueuedAsync(SyncRunContext context, LocalTable table, long snapshot, CancellationToken cancellationToken)
    {
        using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
        return OutboxStore.HasQueued(lease.Connection, table.Name, snapshot);
    }

    private static async Task<int> UploadTableAsync(SyncRunContext context, LocalTable table, long snapshot, CancellationToken cancellationToken)
    {
        var started = context.Time.GetTimestamp();
        var uploaded = await UploadEntityAsync(context, table, snapshot, cancellationToken).ConfigureAwait(false);
        var counter = context.Counter(table.Name);
        counter.Uploaded += uploaded;
        counter.Duration += context.Time.GetElapsedTime(started);
        context.Progress.Report(table.Name, uploaded);
        SyncTelemetry.RecordsUploaded.Add(uploaded);
        if (uploaded > 0)
        {
            context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Upload {0}: {1} change(s)", table.Name, uploaded));
        }

        return uploaded;
    }

    /// <summary>
    /// Fetches the records a sync error was resolved for in the server's favour while the server's values were
    /// unknown (a rejected change): no delta brings them, because the server did not change them.
    /// </summary>
    private static async Task RefetchAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        List<(string Entity, string Key)> queued;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            queued = RefetchStore.List(lease.Connection);
        }

        var model = context.RequireModel();
        foreach (var (entity, key) in queued)
        {
            var table = model.Find(entity);
            var record = table?.Definition.EntitySetName is null ? null : await context.Transport.GetRecordAsync(table.Definition, key, cancellationToken).ConfigureAwait(false);
            using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
            using var tx = lease.Connection.BeginTransaction();
            if (table is null)
            {
                RefetchStore.Remove(lease.Connection, tx, entity, key);
            }
            else
            {
                RefetchStore.Apply(lease.Connection, tx, table, key, record);
                context.Log.Line("Fetched " + entity + " " + key + (record is null ? ": gone on the server" : ": the server's version"));
            }

            tx.Commit();
        }
    }

    private static async Task<int> UploadEntityAsync(SyncRunContext context, LocalTable table, long snapshot, CancellationToken cancellationToken)
    {
        var strategy = context.Options.StrategyFor(table.Name);
        var uploaded = 0;
        var afterSequence = 0L;
        while (true)
        {
            List<UploadChange> batch;
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                (batch, afterSequence) = ReadBatch(context, lease.Connection, table, snapshot, afterSequence, context.Options.PageSize);
            }

            if (afterSequence < 0)
            {
                return uploaded;
            }

            if (batch.Count == 0)
            {
                continue; // every record of this page is blocked by an open sync error
            }

            var outcomes = await context.Transport.UploadAsync(table.Definition, batch, cancellationToken).ConfigureAwait(false);
            var retry = new List<UploadChange>();
            using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
            {
                using var tx = lease.Connection.BeginTransaction();
                uploaded += ApplyOutcomes(context, lease.Connection, tx, table, batch, outcomes, strategy, retry);
                tx.Commit();
            }

            if (retry.Count > 0)
            {
                // DeviceWins: send the same changes again with If-Match "*" (any version), so they overwrite the server's row.
                var forced = await context.Transport.UploadAsync(table.Definition, retry, cancellationToken).ConfigureAwait(false);
                using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
                using var tx = lease.Connection.BeginTransaction();
                uploaded += ApplyOutcomes(context, lease.Connection, tx, table, retry, forced, ConflictStrategy.Manual, null);
                tx.Commit();
            }
        }
    }

    /// <summary>
    /// The next batch of records with queued changes in the order the app first changed them (so a parent
    /// created before its child goes first even within one entity), skipping records blocked by an open sync
    /// error. Returns the first-change sequence to continue after, or -1 when nothing was left.
    /// </summary>
    private static (List<UploadChange> Batch, long Next) ReadBatch(SyncRunContext context, SqliteConnection connection, LocalTable table, long snapshot, long afterSequence, int size)
    {
        var blocked = SyncErrorStore.BlockedKeys(connection, null, table.Name);
        var pending = OutboxStore.ReadPending(connection, table.Name, snapshot, afterSequence, size);
        var lastFirstSequence = pending.Count == 0 ? afterSequence : pending[^1].FirstSequence;

        var batch = new List<UploadChange>(pending.Count);
        using var select = SyncStore.Command(connection, null, table.SelectByKeySql(), ("$key", string.Empty));
        foreach (var (key, seq, _, force, _) in pending)
        {
            if (blocked.Contains(key))
            {
                continue;
            }

            select.Parameters["$key"].Value = key;
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                // No row, not even a tombstone: there is nothing to send. A missing row never becomes a server
                // delete (a local delete leaves a tombstone until it is uploaded); the stale entries are dropped.
                reader.Close();
                DropOutbox(connection, null, table, key, seq);
                context.Log.Line("Upload " + table.Name + " " + key + ": no local row for the queued change, nothing sent");
                continue;
            }

            var etag = reader.IsDBNull(table.ColumnCount) ? null : reader.GetString(table.ColumnCount);
            var state = reader.GetInt64(table.ColumnCount + 1);
            if (state == RowState.Deleted)
            {
                batch.Add(new UploadChange(key, UploadOperation.Delete, new Dictionary<string, object?>(), force ? null : etag, seq));
                continue;
            }

            var values = new Dictionary<string, object?>(table.ColumnCount, StringComparer.Ordinal);
            for (var i = 0; i < table.ColumnCount; i++)
            {
                var property = table.Definition.Properties[i];
                values[property.Name] = EdmAffinity.FromStored(reader.GetValue(i), property.EdmType);
            }

            batch.Add(new UploadChange(key, UploadOperation.Upsert, values, force ? UploadChange.AnyVersion : etag, seq));
        }

        return (batch, pending.Count == 0 ? -1 : lastFirstSequence);
    }

    private static int ApplyOutcomes(
        SyncRunContext context,
        SqliteConnection connection,
        SqliteTransaction tx,
        LocalTable table,
        IReadOnlyList<UploadChange> batch,
        IReadOnlyList<UploadOutcome> outcomes,
        ConflictStrategy strategy,
        List<UploadChange>? retry)
    {
        var byKey = new Dictionary<string, UploadOutcome>(StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            byKey[outcome.Key] = outcome;
        }

        var applied = 0;
        foreach (var change in batch)
        {
            if (!byKey.TryGetValue(change.Key, out var outcome))
            {
                continue; // not answered: stays queued for the next run
            }

            switch (outcome.Status)
            {
                case UploadStatus.Applied:
                    Acknowledge(connection, tx, table, change, outcome);
                    applied++;
                    break;

                case UploadStatus.Conflict when strategy == ConflictStrategy.ServerWins:
                    RowWriter.Upsert(connection, tx, table, change.Key, outcome.ServerValues, outcome.ETag, setETag: true, RowState.Synced, strict: false);
                    DropOutbox(connection, tx, table, change.Key, change.LocalSequence);
                    RowWriter.MarkSyncedUnlessNewer(connection, tx, table, change.Key, change.LocalSequence);
                    context.Log.Line("Conflict on " + table.Name + " " + change.Key + ": server wins");
                    break;

                case UploadStatus.Conflict when strategy == ConflictStrategy.DeviceWins && retry is not null:
                    retry.Add(change with { IfMatch = UploadChange.AnyVersion });
                    context.Log.Line("Conflict on " + table.Name + " " + change.Key + ": device wins");
                    break;

                case UploadStatus.Conflict:
                    SyncErrorStore.Insert(connection, tx, table.Name, change.Key, SyncErrorStore.ConflictKind, "The server's record changed since the device's version.", outcome.ETag, outcome.ServerValues, context.Now);
                    context.Log.Line("Conflict on " + table.Name + " " + change.Key + ": left for manual resolution");
                    break;

                default:
                    SyncErrorStore.Insert(connection, tx, table.Name, change.Key, SyncErrorStore.RejectedKind, outcome.Error ?? "The server rejected the change.", outcome.ETag, outcome.ServerValues, context.Now);
                    context.Log.Line("Rejected " + table.Name + " " + change.Key + ": " + (outcome.Error ?? "no reason given"));
                    break;
            }
        }

        return applied;
    }

    private static void Acknowledge(SqliteConnection connection, SqliteTransaction tx, LocalTable table, UploadChange change, UploadOutcome outcome)
    {
        var etag = outcome.ETag;
        DropOutbox(connection, tx, table, change.Key, change.LocalSequence);
        if (change.Operation == UploadOperation.Delete)
        {
            RowWriter.RemoveTombstone(connection, tx, table, change.Key);
            return;
        }

        if (outcome.ServerValues is not null && !HasNewerChange(connection, tx, table, change.Key, change.LocalSequence))
        {
            // Take the row as the server stored it: values it filled in (the owner of a new record) would
            // otherwise never arrive, because the next delta carries the same ETag and is skipped as unchanged.
            RowWriter.Upsert(connection, tx, table, change.Key, outcome.ServerValues, etag, setETag: true, RowState.Synced, strict: false);
            return;
        }

        RowWriter.SetETag(connection, tx, table, change.Key, etag);
        RowWriter.MarkSyncedUnlessNewer(connection, tx, table, change.Key, change.LocalSequence);
    }

    private static void DropOutbox(SqliteConnection connection, SqliteTransaction? tx, LocalTable table, string key, long upTo) =>
        OutboxStore.Drop(connection, tx, table.Name, key, upTo);

    private static bool HasNewerChange(SqliteConnection connection, SqliteTransaction tx, LocalTable table, string key, long upTo) =>
        OutboxStore.HasNewerChange(connection, tx, table.Name, key, upTo);
}
