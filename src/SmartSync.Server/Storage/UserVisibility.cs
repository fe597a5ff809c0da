using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Access;

namespace SmartSync.Server.Storage;

/// <summary>
/// What one user sees, per owned entity, as the visibility policy answered for this request, and its SQL: every
/// query that returns rows, keys, blobs or deletions filters through here, so all endpoints agree. Queries bind
/// the user id as <c>@u</c>; the filters add their own parameters.
/// </summary>
internal sealed class UserVisibility
{
    private readonly Dictionary<string, SyncVisibility> _byEntity;

    private UserVisibility(string userId, Dictionary<string, SyncVisibility> byEntity)
    {
        UserId = userId;
        _byEntity = byEntity;
    }

    public string UserId { get; }

    /// <summary>Asks the policy about <paramref name="tables"/> (entities without an owner are visible to all anyway).</summary>
    public static async ValueTask<UserVisibility> ResolveAsync(
        ISyncVisibilityPolicy policy, SyncUser user, IEnumerable<EntityTable> tables, CancellationToken cancellationToken)
    {
        var byEntity = new Dictionary<string, SyncVisibility>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (table.HasOwner && !byEntity.ContainsKey(table.Name))
            {
                byEntity[table.Name] = await policy.GetVisibilityAsync(user, table.Name, cancellationToken).ConfigureAwait(false) ?? SyncVisibility.Owned;
            }
        }

        return new UserVisibility(user.UserId, byEntity);
    }

    /// <summary>The protocol's rule for every entity (the backend's own reads on behalf of a user).</summary>
    public static UserVisibility Default(string userId) => new(userId, new Dictionary<string, SyncVisibility>(StringComparer.Ordinal));

    public SyncVisibility For(EntityTable table) =>
        !table.HasOwner ? SyncVisibility.AllRecords : _byEntity.TryGetValue(table.Name, out var visibility) ? visibility : SyncVisibility.Owned;

    /// <summary>Changes whenever the policy's answer for any resolved entity changes (WhoAmI's visibility version).</summary>
    public string Fingerprint => string.Join(
        ";", _byEntity.Where(p => p.Value.Fingerprint.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.Fingerprint));

    /// <summary>
    /// <c>(@u, @vo0, ...)</c>: the owners whose records of the entity the user sees (null when every record is
    /// visible); binds the extra owners.
    /// </summary>
    public static string? OwnerList(SyncVisibility visibility, DbCommand command)
    {
        if (visibility.IsAllRecords)
        {
            return null;
        }

        var list = new StringBuilder("(@u");
        foreach (var owner in visibility.OtherOwnerIds)
        {
            var name = "@vo" + command.Parameters.Count;
            command.AddParameter(name, owner);
            list.Append(", ").Append(name);
        }

        return list.Append(')').ToString();
    }

    /// <summary>
    /// For rows of many entities (blobs, the delete log): "the row's owner column names the user" or, per entity the
    /// policy widened, "the row is of that entity and its owner is granted" (any owner for organization-wide).
    /// </summary>
    public string AnyEntityOwnerFilter(string entityColumn, string ownerColumn, DbCommand command)
    {
        var filter = new StringBuilder("(").Append(ownerColumn).Append(" = @u");
        foreach (var (entity, visibility) in _byEntity.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (visibility.Fingerprint.Length == 0)
            {
                continue;
            }

            var name = "@ve" + command.Parameters.Count;
            command.AddParameter(name, entity);
            filter.Append(" OR (").Append(entityColumn).Append(" = ").Append(name);
            if (OwnerList(visibility, command) is { } owners)
            {
                filter.Append(" AND ").Append(ownerColumn).Append(" IN ").Append(owners);
            }

            filter.Append(')');
        }

        return filter.Append(')').ToString();
    }
}
