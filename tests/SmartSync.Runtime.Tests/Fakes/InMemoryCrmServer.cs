using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Transport;

namespace SmartSync.Runtime.Tests.Fakes;

/// <summary>
/// A faithful in-memory CRM server behind <see cref="ISyncTransport"/>: every change gets a new
/// global version (the row's ETag), change tracking pages by version (so rows changed while a
/// download pages move to its end), deletes leave tombstones and a delete log, links carry an
/// epoch that <see cref="ExpireTokens"/> invalidates (410), and uploads check If-Match.
/// </summary>
public sealed class InMemoryCrmServer : ISyncTransport
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, ServerRow>> _rows = new(StringComparer.Ordinal);
    private readonly List<(long Seq, DeletedRecord Record)> _deleteLog = new();
    private readonly List<(long Seq, BlobItem Item)> _blobs = new();
    private readonly List<(long Seq, MailItem Item)> _mail = new();
    private readonly List<ConflictResolution> _resolutions = new();
    private long _version;
    private long _sequence;
    private int _epoch;
    private long _recordsServed;

    public InMemoryCrmServer(string csdl, EntityDataModel model)
    {
        Csdl = csdl;
        Model = model;
        foreach (var entity in model.SyncableEntities)
        {
            _rows[entity.Name] = new Dictionary<string, ServerRow>(StringComparer.Ordinal);
        }
    }

    public string Csdl { get; }

    public EntityDataModel Model { get; }

    public string CustomizationVersion { get; set; } = "1.0";

    public bool FullSyncRequired { get; set; }

    public string? MinimumClientVersion { get; set; }

    /// <summary>Called with the operation name at the start of every call; a returned exception is thrown.</summary>
    public Func<string, Exception?>? Fault { get; set; }

    /// <summary>Throws <see cref="TransportUnavailableException"/> once this many more records have been served (then disarms).</summary>
    public long? FailAfterRecords { get; set; }

    /// <summary>Entities whose uploads the server rejects (no create/update permission).</summary>
    public HashSet<string> ReadOnlyEntities { get; } = new(StringComparer.Ordinal);

    /// <summary>Awaited at the start of WhoAmI when set (lets tests hold a run in place without sleeping).</summary>
    public Func<Task>? WhoAmIGate { get; set; }

    public int UploadCalls { get; private set; }

    public int WhoAmICalls { get; private set; }

    public List<UploadChange> ReceivedUploads { get; } = new();

    // ---- seeding and server-side edits -------------------------------------------------------

    public string Put(string entity, string key, IReadOnlyDictionary<string, object?> values, bool shared = false)
    {
        lock (_gate)
        {
            var definition = Definition(entity);
            if (!_rows[entity].TryGetValue(key, out var row) || row.Deleted)
            {
                row = new ServerRow(key, new object?[definition.Properties.Count]);
                _rows[entity][key] = row;
            }

            row.Deleted = false;
            row.Shared = shared;
            Merge(definition, row, key, values);
            row.Version = ++_version;
            return row.ETag;
        }
    }

    public void Delete(string entity, string key)
    {
        lock (_gate)
        {
            if (_rows[entity].TryGetValue(key, out var row) && !row.Deleted)
            {
                row.Deleted = true;
                row.Version = ++_version;
                _deleteLog.Add((++_sequence, new DeletedRecord(entity, key)));
            }
        }
    }

    /// <summary>The user loses sight of a row without any change feed entry (a filter or ownership change): only cleanup notices.</summary>
    public void HideSilently(string entity, string key)
    {
        lock (_gate)
        {
            _rows[entity][key].Hidden = true;
        }
    }

    /// <summary>Every outstanding next or delta link now answers 410.</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            _epoch++;
        }
    }

    public void AddBlob(BlobKind kind, string id, string entity, string recordKey, byte[] content)
    {
        lock (_gate)
        {
            _blobs.Add((++_sequence, new BlobItem(kind, id, entity, recordKey, id + ".bin", "application/octet-stream", content)));
        }
    }

    public void AddMail(string id, string subject)
    {
        lock (_gate)
        {
            _mail.Add((++_sequence, new MailItem(id, subject, "a@contoso.test", "b@contoso.test", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), "body of " + id)));
        }
    }

    public void AddResolution(ConflictResolution resolution)
    {
        lock (_gate)
        {
            _resolutions.Add(resolution);
        }
    }

    public int PendingResolutions
    {
        get
        {
            lock (_gate)
            {
                return _resolutions.Count;
            }
        }
    }

    /// <summary>Visible rows (owned and shared) of an entity, as key -> canonical text of the values.</summary>
    public SortedDictionary<string, string> Snapshot(string entity)
    {
        lock (_gate)
        {
            var definition = Definition(entity);
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in _rows[entity].Values.Where(r => !r.Deleted && !r.Hidden))
            {
                result[row.Key] = Canonical.Of(definition, row.Values);
            }

            return result;
        }
    }

    public object? Value(string entity, string key, string attribute)
    {
        lock (_gate)
        {
            var definition = Definition(entity);
            var index = definition.Properties.ToList().FindIndex(p => p.Name == attribute);
            return _rows[entity][key].Values[index];
        }
    }

    public string ETagOf(string entity, string key)
    {
        lock (_gate)
        {
            return _rows[entity][key].ETag;
        }
    }

    /// <summary>The version a link covers: rows of its entity with a version up to it were served.</summary>
    public static long CoveredVersion(string link) => long.Parse(link.Split('|')[3], CultureInfo.InvariantCulture);

    /// <summary>Versions of the live visible rows of an entity, by key (tests compare them with a cursor).</summary>
    public Dictionary<string, long> Versions(string entity)
    {
        lock (_gate)
        {
            return _rows[entity].Values.Where(r => !r.Deleted && !r.Hidden && !r.Shared).ToDictionary(r => r.Key, r => r.Version, StringComparer.Ordinal);
        }
    }

    // ---- ISyncTransport ------------------------------------------------------------------------

    public async Task<ServerSession> WhoAmIAsync(CancellationToken cancellationToken)
    {
        if (WhoAmIGate is { } gate)
        {
            await gate().WaitAsync(cancellationToken);
        }

        Check(nameof(WhoAmIAsync), cancellationToken);
        lock (_gate)
        {
            WhoAmICalls++;
            return new ServerSession("user-1", "Jane Doe", "Contoso", "9.2", CustomizationVersion, FullSyncRequired, MinimumClientVersion);
        }
    }

    public Task<string> GetMetadataAsync(CancellationToken cancellationToken)
    {
        Check(nameof(GetMetadataAsync), cancellationToken);
        return Task.FromResult(Csdl);
    }

    public Task<IReadOnlyList<EntityPermission>> GetPermissionsAsync(CancellationToken cancellationToken)
    {
        Check(nameof(GetPermissionsAsync), cancellationToken);
        IReadOnlyList<EntityPermission> permissions = Model.SyncableEntities
            .Select(e => new EntityPermission(e.Name, true, !ReadOnlyEntities.Contains(e.Name), !ReadOnlyEntities.Contains(e.Name), true))
            .ToList();
        return Task.FromResult(permissions);
    }

    public Task<ChangePage> DownloadPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(Page("d", shared: false, request, sink, cancellationToken));

    public Task<ChangePage> DownloadSharedPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken) =>
        Task.FromResult(Page("s", shared: true, request, sink, cancellationToken));

    public Task<DeleteLogPage> GetDeleteLogAsync(string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        Check(nameof(GetDeleteLogAsync), cancellationToken);
        lock (_gate)
        {
            var after = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
            var items = _deleteLog.Where(d => d.Seq > after).Take(pageSize + 1).ToList();
            var page = items.Take(pageSize).ToList();
            var next = page.Count > 0 ? page[^1].Seq : after;
            return Task.FromResult(new DeleteLogPage(page.Select(p => p.Record).ToList(), next.ToString(CultureInfo.InvariantCulture), items.Count > pageSize));
        }
    }

    public Task<ServerRecord?> GetRecordAsync(EntityTypeDefinition entity, string key, CancellationToken cancellationToken)
    {
        Check(nameof(GetRecordAsync), cancellationToken);
        lock (_gate)
        {
            return Task.FromResult(_rows[entity.Name].TryGetValue(key, out var row) && !row.Deleted && !row.Hidden
                ? new ServerRecord(ValuesOf(Definition(entity.Name), row), row.ETag)
                : null);
        }
    }

    public Task<IReadOnlyList<UploadOutcome>> UploadAsync(EntityTypeDefinition entity, IReadOnlyList<UploadChange> changes, CancellationToken cancellationToken)
    {
        Check(nameof(UploadAsync), cancellationToken);
        lock (_gate)
        {
            UploadCalls++;
            var definition = Definition(entity.Name);
            var outcomes = new List<UploadOutcome>();
            foreach (var change in changes)
            {
                ReceivedUploads.Add(change);
                _rows[entity.Name].TryGetValue(change.Key, out var row);
                var live = row is { Deleted: false };
                if (ReadOnlyEntities.Contains(entity.Name))
                {
                    outcomes.Add(new UploadOutcome(change.Key, UploadStatus.Rejected, null, null, "no permission to change " + entity.Name));
                    continue;
                }

                // As the reference server: a change whose values are already stored is applied (a retry after a
                // lost response), a stale If-Match is a conflict for updates and deletes alike, and an update
                // conditional on a record that is gone is refused (404 there).
                if (live && change.Operation == UploadOperation.Upsert && Unchanged(definition, row!, change.Values))
                {
                    outcomes.Add(new UploadOutcome(change.Key, UploadStatus.Applied, row!.ETag, ValuesOf(definition, row), null));
                    continue;
                }

                if (live && change.IfMatch is not null && change.IfMatch != UploadChange.AnyVersion && change.IfMatch != row!.ETag)
                {
                    outcomes.Add(new UploadOutcome(change.Key, UploadStatus.Conflict, row.ETag, ValuesOf(definition, row), null));
                    continue;
                }

                if (!live && change.Operation == UploadOperation.Upsert && change.IfMatch is not null && change.IfMatch != "*")
                {
                    outcomes.Add(new UploadOutcome(change.Key, UploadStatus.Rejected, null, null, "the record no longer exists"));
                    continue;
                }

                if (change.Operation == UploadOperation.Delete)
                {
                    if (live)
                    {
                        row!.Deleted = true;
                        row.Version = ++_version;
                        _deleteLog.Add((++_sequence, new DeletedRecord(entity.Name, change.Key)));
                    }

                    outcomes.Add(new UploadOutcome(change.Key, UploadStatus.Applied, null, null, null));
                    continue;
                }

                if (row is null || row.Deleted)
                {
                    row = new ServerRow(change.Key, new object?[definition.Properties.Count]);
                    _rows[entity.Name][change.Key] = row;
                }

                row.Deleted = false;
                Merge(definition, row, change.Key, change.Values);
                row.Version = ++_version;
                outcomes.Add(new UploadOutcome(change.Key, UploadStatus.Applied, row.ETag, ValuesOf(definition, row), null));
            }

            return Task.FromResult<IReadOnlyList<UploadOutcome>>(outcomes);
        }
    }

    public Task<IReadOnlyList<ConflictResolution>> GetConflictResolutionsAsync(CancellationToken cancellationToken)
    {
        Check(nameof(GetConflictResolutionsAsync), cancellationToken);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConflictResolution>>(_resolutions.ToList());
        }
    }

    public Task AcknowledgeConflictResolutionAsync(string resolutionId, CancellationToken cancellationToken)
    {
        Check(nameof(AcknowledgeConflictResolutionAsync), cancellationToken);
        lock (_gate)
        {
            _resolutions.RemoveAll(r => r.Id == resolutionId);
        }

        return Task.CompletedTask;
    }

    public Task<BlobPage> GetBlobsAsync(BlobKind kind, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        Check(nameof(GetBlobsAsync), cancellationToken);
        lock (_gate)
        {
            var after = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
            var items = _blobs.Where(b => b.Item.Kind == kind && b.Seq > after).Take(pageSize + 1).ToList();
            var page = items.Take(pageSize).ToList();
            var next = page.Count > 0 ? page[^1].Seq : after;
            return Task.FromResult(new BlobPage(page.Select(p => p.Item).ToList(), next.ToString(CultureInfo.InvariantCulture), items.Count > pageSize));
        }
    }

    public Task<MailPage> GetMailAsync(string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        Check(nameof(GetMailAsync), cancellationToken);
        lock (_gate)
        {
            var after = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
            var items = _mail.Where(m => m.Seq > after).Take(pageSize + 1).ToList();
            var page = items.Take(pageSize).ToList();
            var next = page.Count > 0 ? page[^1].Seq : after;
            return Task.FromResult(new MailPage(page.Select(p => p.Item).ToList(), next.ToString(CultureInfo.InvariantCulture), items.Count > pageSize));
        }
    }

    public Task<VisibleKeysPage> GetVisibleKeysAsync(EntityTypeDefinition entity, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        Check(nameof(GetVisibleKeysAsync), cancellationToken);
        lock (_gate)
        {
            var keys = _rows[entity.Name].Values.Where(r => !r.Deleted && !r.Hidden).Select(r => r.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            var offset = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
            var page = keys.Skip(offset).Take(pageSize).ToList();
            var next = offset + page.Count < keys.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new VisibleKeysPage(page, next));
        }
    }

    // ---- internals -----------------------------------------------------------------------------

    private ChangePage Page(string kind, bool shared, EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken)
    {
        Check(shared ? nameof(DownloadSharedPageAsync) : nameof(DownloadPageAsync), cancellationToken);
        lock (_gate)
        {
            var entity = request.Entity.Name;
            long since = 0;
            if (request.Link is { } link)
            {
                var parts = link.Split('|');
                if (parts.Length != 4 || parts[0] != kind || parts[1] != entity)
                {
                    throw new SyncPayloadException(entity, "link", "not a link of this feed: " + link);
                }

                if (int.Parse(parts[2], CultureInfo.InvariantCulture) != _epoch)
                {
                    throw new SyncTokenExpiredException(entity, "the link expired");
                }

                since = long.Parse(parts[3], CultureInfo.InvariantCulture);
            }

            var candidates = _rows[entity].Values
                .Where(r => r.Version > since && !r.Hidden && (r.Deleted || r.Shared == shared))
                .OrderBy(r => r.Version)
                .Take(request.PageSize + 1)
                .ToList();
            var page = candidates.Take(request.PageSize).ToList();
            var record = new RecordValues(request.Entity);
            int upserts = 0, removes = 0;
            foreach (var row in page)
            {
                if (FailAfterRecords is { } limit && _recordsServed >= limit)
                {
                    FailAfterRecords = null;
                    _recordsServed = 0;
                    throw new TransportUnavailableException("connection reset while reading " + entity);
                }

                _recordsServed++;
                if (row.Deleted)
                {
                    sink.Remove(row.Key);
                    removes++;
                    continue;
                }

                record.Reset();
                record.Key = row.Key;
                record.ETag = row.ETag;
                for (var i = 0; i < row.Values.Length; i++)
                {
                    record.Values[i] = row.Values[i];
                    record.Present[i] = true;
                }

                sink.Upsert(record);
                upserts++;
            }

            var more = candidates.Count > request.PageSize;
            var covered = more ? page[^1].Version : _version;
            var next = string.Join('|', kind, entity, _epoch.ToString(CultureInfo.InvariantCulture), covered.ToString(CultureInfo.InvariantCulture));
            return more ? new ChangePage(next, null, upserts, removes) : new ChangePage(null, next, upserts, removes);
        }
    }

    private void Check(string operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Fault?.Invoke(operation) is { } exception)
        {
            throw exception;
        }
    }

    private EntityTypeDefinition Definition(string entity) =>
        Model.Find(entity) ?? throw new ArgumentException("unknown entity " + entity);

    private static void Merge(EntityTypeDefinition definition, ServerRow row, string key, IReadOnlyDictionary<string, object?> values)
    {
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            var name = definition.Properties[i].Name;
            if (name == definition.Key)
            {
                row.Values[i] = key;
            }
            else if (values.TryGetValue(name, out var value))
            {
                row.Values[i] = value is int n ? (long)n : value;
            }
        }
    }

    private static bool Unchanged(EntityTypeDefinition definition, ServerRow row, IReadOnlyDictionary<string, object?> values)
    {
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            var name = definition.Properties[i].Name;
            if (name != definition.Key && values.TryGetValue(name, out var value) && !Equals(row.Values[i], value is int n ? (long)n : value))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, object?> ValuesOf(EntityTypeDefinition definition, ServerRow row)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            result[definition.Properties[i].Name] = row.Values[i];
        }

        return result;
    }

    private sealed class ServerRow(string key, object?[] values)
    {
        public string Key { get; } = key;

        public object?[] Values { get; } = values;

        public long Version { get; set; }

        public bool Deleted { get; set; }

        public bool Shared { get; set; }

        public bool Hidden { get; set; }

        public string ETag => "W/\"" + Version.ToString(CultureInfo.InvariantCulture) + "\"";
    }
}
