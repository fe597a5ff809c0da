using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport;

/// <summary>
/// Everything the sync engine asks of a server (docs/protocol.md). One real implementation speaks
/// HTTP/JSON (OData v4 conventions); tests use the same implementation against the reference
/// server on loopback.
/// </summary>
/// <remarks>
/// Failures are reported with the exceptions of this namespace:
/// <see cref="AuthorizationRequiredException"/> (401), <see cref="SyncTokenExpiredException"/> (410),
/// <see cref="TransportUnavailableException"/> (the server could not be reached),
/// <see cref="SyncPayloadException"/> (the server sent something the client cannot accept).
/// </remarks>
public interface ISyncTransport
{
    /// <summary>Who the user is and which customization the server runs (the log header).</summary>
    Task<ServerSession> WhoAmIAsync(CancellationToken cancellationToken);

    /// <summary>The data model as an OData CSDL document (<c>$metadata</c>).</summary>
    Task<string> GetMetadataAsync(CancellationToken cancellationToken);

    /// <summary>The user's permissions per entity (preparation phase).</summary>
    Task<IReadOnlyList<EntityPermission>> GetPermissionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Downloads one page of an entity's changes, handing each record to <paramref name="sink"/> as it is read.
    /// <see cref="EntityDownloadRequest.Link"/> null starts a full download with change tracking.
    /// </summary>
    Task<ChangePage> DownloadPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken);

    /// <summary>Downloads one page of records shared with the user (not owned), with its own cursor.</summary>
    Task<ChangePage> DownloadSharedPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken);

    /// <summary>One page of the server's delete log after <paramref name="cursor"/>.</summary>
    Task<DeleteLogPage> GetDeleteLogAsync(string? cursor, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// One record as the server stores it now, or null when the user cannot see such a record (it is gone).
    /// Used to make the device equal to the server after a sync error is resolved in the server's favour.
    /// </summary>
    Task<ServerRecord?> GetRecordAsync(EntityTypeDefinition entity, string key, CancellationToken cancellationToken);

    /// <summary>Uploads local changes of one entity; idempotent by client-generated key.</summary>
    Task<IReadOnlyList<UploadOutcome>> UploadAsync(EntityTypeDefinition entity, IReadOnlyList<UploadChange> changes, CancellationToken cancellationToken);

    /// <summary>Upload conflicts resolved on the server's dashboard and not yet acknowledged by this device.</summary>
    Task<IReadOnlyList<ConflictResolution>> GetConflictResolutionsAsync(CancellationToken cancellationToken);

    /// <summary>Tells the server the device applied a resolution.</summary>
    Task AcknowledgeConflictResolutionAsync(string resolutionId, CancellationToken cancellationToken);

    /// <summary>One page of images, attachments or documents changed after <paramref name="cursor"/>.</summary>
    Task<BlobPage> GetBlobsAsync(BlobKind kind, string? cursor, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the content of one blob of a page to <paramref name="destination"/> as it arrives, in chunks; false when
    /// the blob no longer exists. Transports whose pages carry the bytes (<see cref="BlobItem.Content"/>) need not
    /// override this.
    /// </summary>
    async Task<bool> CopyBlobContentAsync(BlobItem item, Stream destination, CancellationToken cancellationToken)
    {
        if (item.Content is null)
        {
            throw new System.NotSupportedException($"This transport does not stream blob content; blob '{item.Id}' came without its bytes.");
        }

        await destination.WriteAsync(item.Content, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>One page of Exchange mail after <paramref name="cursor"/>.</summary>
    Task<MailPage> GetMailAsync(string? cursor, int pageSize, CancellationToken cancellationToken);

    /// <summary>One page of the keys of an entity's records the user may still see (cleanup phase).</summary>
    Task<VisibleKeysPage> GetVisibleKeysAsync(EntityTypeDefinition entity, string? cursor, int pageSize, CancellationToken cancellationToken);
}
