using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Dataverse;

// Phases Dataverse has no counterpart for: the pipeline skips them and logs the reason (docs/dataverse.md).
public sealed partial class DataverseSyncTransport
{
    /// <inheritdoc />
    public Task<ChangePage> DownloadSharedPageAsync(EntityDownloadRequest request, IRecordSink sink, CancellationToken cancellationToken) =>
        throw new PhaseNotSupportedException("Dataverse returns records shared with the user in the entity download (change tracking covers every row the user may read)");

    /// <inheritdoc />
    public Task<DeleteLogPage> GetDeleteLogAsync(string? cursor, int pageSize, CancellationToken cancellationToken) =>
        throw new PhaseNotSupportedException("Dataverse has no separate delete log; deletions arrive as $deletedEntity rows of each table's delta and were applied with the entity download");

    /// <inheritdoc />
    public Task<IReadOnlyList<ConflictResolution>> GetConflictResolutionsAsync(CancellationToken cancellationToken) =>
        throw new PhaseNotSupportedException("Dataverse has no conflict dashboard; conflicts are resolved on the device");

    /// <inheritdoc />
    public Task AcknowledgeConflictResolutionAsync(string resolutionId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<MailPage> GetMailAsync(string? cursor, int pageSize, CancellationToken cancellationToken) =>
        throw new PhaseNotSupportedException("Exchange mail reaches Dataverse by server-side synchronization; the Web API has no mailbox to read");
}
