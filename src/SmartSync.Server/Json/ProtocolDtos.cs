using System.Collections.Generic;

namespace SmartSync.Server.Json;

// Wire shapes of the small (non-OData) endpoints; docs/protocol.md shows each with an example.

public sealed record WhoAmIResponse(
    string UserId, string UserName, string OrganizationName, string ServerVersion, string CustomizationVersion,
    bool FullSyncRequired, string? MinimumClientVersion, long VisibilityVersion);

public sealed record PermissionDto(string Entity, bool CanRead, bool CanCreate, bool CanUpdate, bool CanDelete);

public sealed record PermissionsResponse(IReadOnlyList<PermissionDto> Value);

public sealed record DeletedRecordDto(string Entity, string Key);

public sealed record DeleteLogResponse(IReadOnlyList<DeletedRecordDto> Value, string Cursor, bool HasMore);

/// <summary>
/// One blob of a page: <see cref="Length"/> is its size in bytes; <see cref="Content"/> is its bytes (base64 on the wire),
/// or null when the client asked for <c>content=stream</c> and fetches them from <c>/api/blobs/{kind}/{id}</c>.
/// </summary>
public sealed record BlobDto(
    string Id, string Entity, string RecordKey, string FileName, string ContentType,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] byte[]? Content,
    long Length);

public sealed record BlobPageResponse(IReadOnlyList<BlobDto> Value, string Cursor, bool HasMore);

public sealed record MailDto(string Id, string Subject, string From, string To, System.DateTimeOffset ReceivedAt, string Body);

public sealed record MailPageResponse(IReadOnlyList<MailDto> Value, string Cursor, bool HasMore);

/// <summary>One page of visible keys; the first page (no cursor) also says how many there are in all.</summary>
public sealed record VisibleKeysResponse(IReadOnlyList<string> Value, string? NextCursor, long? Count);

public sealed record ErrorDetail(string Code, string Message);

public sealed record ErrorResponse(ErrorDetail Error);

public sealed record ConflictDto(
    long Id, string Entity, string Key, string UserId, string Status, string? Choice, bool Acknowledged, string ServerETag,
    Dictionary<string, System.Text.Json.JsonElement> DeviceValues, string DeviceId);

public sealed record ConflictListResponse(IReadOnlyList<ConflictDto> Value);

public sealed record ShareRequest(string Entity, string Key, string UserId);

public sealed record PermissionRequest(string UserId, string Entity, bool CanRead, bool CanCreate, bool CanUpdate, bool CanDelete);

public sealed record ResolveRequest(string Choice);

public sealed record CountersResponse(long Requests, long RecordsSent, IReadOnlyDictionary<string, long> RecordsByEntity);

public sealed record VersionResponse(string Version);
