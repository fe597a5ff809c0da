using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport;

/// <summary>
/// Optional addition to <see cref="ISyncTransport"/>: tells the server that this user's device completed the
/// full sync an administrator demanded (<see cref="ServerSession.FullSyncRequired"/>), so WhoAmI stops
/// reporting it. Engines call it after a successful full sync when the transport implements it.
/// </summary>
public interface IFullSyncAcknowledgement
{
    Task AcknowledgeFullSyncAsync(CancellationToken cancellationToken);
}
