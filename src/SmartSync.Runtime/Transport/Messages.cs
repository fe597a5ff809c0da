using System;
using System.Collections.Generic;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport;

/// <summary>The WhoAmI answer: the sync log's header block and the customization check's input.</summary>
/// <param name="UserId">The signed-in user's id.</param>
/// <param name="UserName">The user's display name.</param>
/// <param name="OrganizationName">The organization the user belongs to.</param>
/// <param name="ServerVersion">The server software version.</param>
/// <param name="CustomizationVersion">Changes whenever the data model changes.</param>
/// <param name="FullSyncRequired">An administrator demands a full sync of this user's devices.</param>
/// <param name="MinimumClientVersion">Clients older than this must be updated, when set.</param>
public sealed record ServerSession(
    string UserId,
    string UserName,
    string OrganizationName,
    string ServerVersion,
    string CustomizationVersion,
    bool FullSyncRequired,
    string? MinimumClientVersion)
{
    /// <summary>
    /// Moves whenever something may have left the user's visibility (reassignment, unshare, delete, permission
    /// change); null when the server does not say. Equal to the value at the last cleanup: nothing to clean up.
    /// </summary>
    public long? VisibilityVersion { get; init; }
}

/// <summary>What the user may do with one entity.</summary>
public sealed record EntityPermission(string Entity, bool CanRead, bool CanCreate, bool CanUpdate, bool CanDelete);

/// <summary>A request for one page of an entity's changes.</summary>
/// <param name="Entity">The entity to download.</param>
/// <param name="Link">An <c>@odata.nextLink</c> or <c>@odata.deltaLink</c> from an earlier page; null for a full download.</param>
/// <param name="PageSize">The preferred page size (<c>Prefer: odata.maxpagesize</c>).</param>
public sealed record EntityDownloadRequest(EntityTypeDefinition Entity, string? Link, int PageSize);

/// <summary>
/// The end of a downloaded page. Exactly one of <see cref="NextLink"/> (more pages follow) and
/// <see cref="DeltaLink"/> (caught up; the cursor for the next incremental run) is set.
/// </summary>
public sealed record ChangePage(string? NextLink, string? DeltaLink, int UpsertCount, int RemoveCount);

/// <summary>A record the server deleted.</summary>
public sealed record DeletedRecord(string Entity, string Key);

/// <summary>One page of the delete log; <see cref="Cursor"/> resumes after it.</summary>
public sealed record DeleteLogPage(IReadOnlyList<DeletedRecord> Items, string Cursor, bool HasMore);

/// <summary>What a local change asks of the server.</summary>
public enum UploadOperation
{
    /// <summary>Create or update (client-generated keys make a retried create harmless).</summary>
    Upsert = 0,

    /// <summary>Delete the record.</summary>
    Delete = 1,
}

/// <summary>A local change to upload.</summary>
/// <param name="Key">The record's key (generated on the device for new records).</param>
/// <param name="Operation">Upsert or delete.</param>
/// <param name="Values">Attribute values for an upsert (changed attributes, or all of them).</param>
/// <param name="IfMatch">
/// The ETag the device last saw, for conflict detection; null for a record the device created (the server has no
/// version of it); <see cref="AnyVersion"/> to overwrite whatever the server holds (the device won a conflict).
/// </param>
/// <param name="LocalSequence">The outbox sequence number of the change.</param>
public sealed record UploadChange(string Key, UploadOperation Operation, IReadOnlyDictionary<string, object?> Values, string? IfMatch, long LocalSequence)
{
    /// <summary><c>If-Match: *</c>: any version of the record matches (a forced overwrite).</summary>
    public const string AnyVersion = "*";
}

/// <summary>How the server took an uploaded change.</summary>
public enum UploadStatus
{
    /// <summary>Applied (or already applied: a retried change is not a duplicate).</summary>
    Applied = 0,

    /// <summary>The server row changed since the device's version (412 on If-Match).</summary>
    Conflict = 1,

    /// <summary>The server refused the change (permissions, validation).</summary>
    Rejected = 2,
}

/// <summary>The server's answer to one uploaded change.</summary>
/// <param name="Key">The record's key.</param>
/// <param name="Status">Applied, conflict or rejected.</param>
/// <param name="ETag">The record's new ETag when applied, or the server's current one on conflict.</param>
/// <param name="ServerValues">The server's current values on conflict.</param>
/// <param name="Error">Why the change was rejected.</param>
public sealed record UploadOutcome(string Key, UploadStatus Status, string? ETag, IReadOnlyDictionary<string, object?>? ServerValues, string? Error);

/// <summary>One record as the server stores it now (fetched to resolve a sync error in the server's favour).</summary>
/// <param name="Values">Every attribute the server sent.</param>
/// <param name="ETag">The record's current ETag.</param>
public sealed record ServerRecord(IReadOnlyDictionary<string, object?> Values, string? ETag);

/// <summary>Which side wins a conflict resolved on the server's dashboard.</summary>
public enum ConflictChoice
{
    KeepServer = 0,
    KeepDevice = 1,
}

/// <summary>An upload conflict an administrator resolved on the server.</summary>
public sealed record ConflictResolution(string Id, string Entity, string Key, ConflictChoice Choice, IReadOnlyDictionary<string, object?>? Values);

/// <summary>The three kinds of binary content the optional phases download.</summary>
public enum BlobKind
{
    EntityImage = 0,
    Attachment = 1,
    Document = 2,
}

/// <summary>
/// A binary item attached to a record. <see cref="Content"/> holds its bytes when the page carried them; when it is
/// null the bytes are streamed with <see cref="ISyncTransport.CopyBlobContentAsync"/> (a large blob never sits whole
/// in memory).
/// </summary>
public sealed record BlobItem(BlobKind Kind, string Id, string Entity, string RecordKey, string FileName, string ContentType, byte[]? Content)
{
    /// <summary>The size of the content in bytes, as the page announced it.</summary>
    public long Length { get; init; } = Content?.LongLength ?? 0;

    /// <summary>
    /// The server no longer holds this blob although its record stays (a file taken off a note, an image cleared): the
    /// device drops its copy. A removed item has no content to download.
    /// </summary>
    public bool Removed { get; init; }
}

/// <summary>One page of blobs; <see cref="Cursor"/> resumes after it.</summary>
public sealed record BlobPage(IReadOnlyList<BlobItem> Items, string Cursor, bool HasMore);

/// <summary>A mail message from the Exchange phase.</summary>
public sealed record MailItem(string Id, string Subject, string From, string To, DateTimeOffset ReceivedAt, string Body);

/// <summary>One page of mail; <see cref="Cursor"/> resumes after it.</summary>
public sealed record MailPage(IReadOnlyList<MailItem> Items, string Cursor, bool HasMore);

/// <summary>One page of keys visible to the user; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record VisibleKeysPage(IReadOnlyList<string> Keys, string? NextCursor)
{
    /// <summary>How many keys are visible in all, when the server says so (on the first page).</summary>
    public long? TotalCount { get; init; }
}
