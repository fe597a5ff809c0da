using System;
using System.Collections.Generic;

namespace SmartSync.Transport.Http;

// Wire shapes of the small (non-OData) endpoints, as docs/protocol.md documents them. Deserialised with the
// source-generated TransportJsonContext; validated before they become contract records.

internal sealed record WhoAmIWire(
    string? UserId, string? UserName, string? OrganizationName, string? ServerVersion, string? CustomizationVersion,
    bool FullSyncRequired, string? MinimumClientVersion, long? VisibilityVersion);

internal sealed record PermissionWire(string? Entity, bool CanRead, bool CanCreate, bool CanUpdate, bool CanDelete);

internal sealed record PermissionsWire(List<PermissionWire>? Value);

internal sealed record DeletedRecordWire(string? Entity, string? Key);

internal sealed record DeleteLogWire(List<DeletedRecordWire>? Value, string? Cursor, bool HasMore);

internal sealed record BlobWire(string? Id, string? Entity, string? RecordKey, string? FileName, string? ContentType, byte[]? Content, long? Length);

internal sealed record BlobPageWire(List<BlobWire>? Value, string? Cursor, bool HasMore);

internal sealed record MailWire(string? Id, string? Subject, string? From, string? To, DateTimeOffset ReceivedAt, string? Body);

internal sealed record MailPageWire(List<MailWire>? Value, string? Cursor, bool HasMore);

internal sealed record VisibleKeysWire(List<string>? Value, string? NextCursor, long? Count);

internal sealed record ErrorDetailWire(string? Code, string? Message);

internal sealed record ErrorWire(ErrorDetailWire? Error);
