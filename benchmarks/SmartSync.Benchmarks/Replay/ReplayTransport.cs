using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Transport;

namespace SmartSync.Benchmarks.Replay;

/// <summary>
/// An in-memory <see cref="ISyncTransport"/> that replays pre-built pages of one entity, so the engine's page-apply
/// path (page transaction, prepared upsert, cursor write) is measured without HTTP or JSON. Every other endpoint
/// answers "nothing there". <see cref="ServeRecords"/> off lets a first full sync create the schema only.
/// </summary>
public sealed class ReplayTransport(string csdl, PrebuiltRecords? records, int pageSize) : ISyncTransport
{
    private const string LinkPrefix = "replay:";

    private readonly ConcurrentDictionary<string, EntityTypeDefinition> _requested = new(StringComparer.Ordinal);

    /// <summary>
    /// The definition the engine itself uses for <paramref name="entity"/> of <paramref name="csdl"/>: a schema-only
    /// full sync against a replay with no records, keeping the <see cref="EntityDownloadRequest.Entity"/> the engine
    /// hands its transport (the public seam; the benchmark never parses the model itself).
    /// </summary>
    public static async Task<EntityTypeDefinition> EntityAsync(string csdl, string entity, string scratchFolder, CancellationToken cancellationToken)
    {
        var probe = new ReplayTransport(csdl, null, pageSize: 1);
        await using (var session = Harness.ClientSession.Create(probe, scratchFolder, autoExclusions: false))
        {
            Harness.SyncRun.EnsureCompleted(await session.Client.RunFullSyncAsync(cancellationToken).ConfigureAwait(false), "The schema sync");
        }

        return probe._requested.TryGetValue(entity, out var definition)
            ? definition
            : throw new InvalidOperationException($"The engine never asked for '{entity}': the data model has no such syncable entity.");
    }

    /// <summary>Whether the replayed entity's download returns the records (on) or nothing (off).</summary>
    public bool ServeRecords { get; set; }

    public Task<ServerSession> WhoAmIAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ServerSession("u1", "bench", "Benchmark Org", "replay", "replay-1", false, null));

    public Task<string> GetMetadataAsync(CancellationToken cancellationToken) => Task.FromResult(csdl);

    public Task<IReadOnlyList<EntityPermission>> GetPermissionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EntityPermission>>([]);

    public Task<ChangePage> DownloadPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken)
    {
        _requested.TryAdd(request.Entity.Name, request.Entity);
        if (records is null || request.Entity.Name != records.Entity.Name || !ServeRecords)
        {
            return Task.FromResult(new ChangePage(null, LinkPrefix + "delta", 0, 0));
        }

        var page = request.Link is null ? 0 : int.Parse(request.Link.AsSpan(LinkPrefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture);
        var start = page * pageSize;
        var end = Math.Min(start + pageSize, records.Count);
        var record = new RecordValues(request.Entity);
        for (var row = start; row < end; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            record.Reset();
            record.Key = records.Keys[row];
            record.ETag = records.ETags[row];
            Array.Copy(records.Values[row], record.Values, record.Values.Length);
            Array.Fill(record.Present, true);
            sink.Upsert(record);
        }

        var next = end < records.Count ? LinkPrefix + (page + 1).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ChangePage(next, next is null ? LinkPrefix + "delta" : null, end - start, 0));
    }

    public Task<ChangePage> DownloadSharedPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(new ChangePage(null, LinkPrefix + "shared", 0, 0));

    public Task<DeleteLogPage> GetDeleteLogAsync(string? cursor, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new DeleteLogPage([], "0", false));

    /// <summary>The replay serves pages only; single records are never asked for (no sync errors arise).</summary>
    public Task<ServerRecord?> GetRecordAsync(EntityTypeDefinition entity, string key, CancellationToken cancellationToken) =>
        Task.FromResult<ServerRecord?>(null);

    public Task<IReadOnlyList<UploadOutcome>> UploadAsync(EntityTypeDefinition entity, IReadOnlyList<UploadChange> changes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UploadOutcome>>(changes.Select(c => new UploadOutcome(c.Key, UploadStatus.Applied, "W/\"1\"", null, null)).ToList());

    public Task<IReadOnlyList<ConflictResolution>> GetConflictResolutionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ConflictResolution>>([]);

    public Task AcknowledgeConflictResolutionAsync(string resolutionId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<BlobPage> GetBlobsAsync(BlobKind kind, string? cursor, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new BlobPage([], "0", false));

    public Task<MailPage> GetMailAsync(string? cursor, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new MailPage([], "0", false));

    public Task<VisibleKeysPage> GetVisibleKeysAsync(EntityTypeDefinition entity, string? cursor, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult(new VisibleKeysPage(records is not null && entity.Name == records.Entity.Name && ServeRecords ? records.Keys : [], null));
}
