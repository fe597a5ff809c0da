using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SmartSync.Server.Access;

/// <summary>
/// Which records of an owned entity a user sees, as <see cref="ISyncVisibilityPolicy"/> answers it: their own
/// (plus those shared with them), theirs and other owners' (users or teams, by the id stored in
/// <c>_ownerid_value</c>), or every record of the entity.
/// </summary>
public sealed class SyncVisibility
{
    private SyncVisibility(bool allRecords, string[] otherOwners)
    {
        IsAllRecords = allRecords;
        OtherOwnerIds = otherOwners;
        Fingerprint = allRecords ? "*" : otherOwners.Length == 0 ? string.Empty
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', otherOwners))), 0, 12);
    }

    /// <summary>The protocol's rule: records the user owns and records shared with them (the default).</summary>
    public static SyncVisibility Owned { get; } = new(false, []);

    /// <summary>Every record of the entity, whoever owns it (an organization-wide table).</summary>
    public static SyncVisibility AllRecords { get; } = new(true, []);

    /// <summary>True when every record of the entity is visible.</summary>
    public bool IsAllRecords { get; }

    /// <summary>Owners (users or teams) whose records are visible besides the user's own, in ordinal order.</summary>
    public IReadOnlyList<string> OtherOwnerIds { get; }

    /// <summary>
    /// Short text that changes whenever the visibility changes: "" for <see cref="Owned"/>, "*" for
    /// <see cref="AllRecords"/>, a hash of the owner list otherwise. Cursors carry it.
    /// </summary>
    internal string Fingerprint { get; }

    /// <summary>The user's own records plus the records of <paramref name="ownerIds"/> (other users or teams).</summary>
    public static SyncVisibility OwnedAnd(IEnumerable<string> ownerIds)
    {
        ArgumentNullException.ThrowIfNull(ownerIds);
        var owners = ownerIds.Where(o => !string.IsNullOrEmpty(o)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return owners.Length == 0 ? Owned : new SyncVisibility(false, owners);
    }
}
