using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Access;

/// <summary>
/// Decides which records of an entity a user sees. Whatever it answers, a user always sees the records they own,
/// the records shared with them and the rows of entities without an owner; a policy can widen that (an entity
/// visible organization-wide, the records of other users or teams), never narrow it — per-entity rights
/// (<see cref="ISyncAccessPolicy"/>) do that. Every endpoint applies it (docs/server.md, "Visibility"). When its
/// answer for a user changes, that user's cursors of the entity answer 410 and WhoAmI's visibility version moves,
/// so devices download again and clean up. Register your own with
/// <c>AddSmartSyncServer(...).UseVisibilityPolicy&lt;T&gt;()</c>.
/// </summary>
public interface ISyncVisibilityPolicy
{
    /// <summary>The visibility of <paramref name="entity"/> (an entity with an owner attribute) for the user.</summary>
    ValueTask<SyncVisibility> GetVisibilityAsync(SyncUser user, string entity, CancellationToken cancellationToken);
}
