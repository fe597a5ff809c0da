using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Storage;

/// <summary>What WhoAmI reports about the caller: customization version, the device's full-sync state, the visibility version.</summary>
internal readonly record struct WhoAmIState(string CustomizationVersion, bool FullSyncRequired, long VisibilityVersion);

internal sealed partial class CrmStore
{
    /// <summary>
    /// Everything WhoAmI needs in one statement (plus the watermark) on one connection. It writes only when something
    /// changed since the device's last WhoAmI: a full-sync demand it is now told about (what its completion will meet,
    /// see CrmStore.Users.cs), or a new answer of the visibility policy (stamped with a version of its own).
    /// </summary>
    public async Task<WhoAmIState> WhoAmIAsync(UserVisibility visible, string deviceId, CancellationToken cancellationToken)
    {
        var userId = visible.UserId;
        var fingerprint = visible.Fingerprint;
        string customization;
        long demand, ack, seen, latest, watermark;
        string? storedFingerprint;
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // The visibility version: the latest change version at which something may have left the user's
            // visibility (a reassignment away from an owner they see, an unshare, a delete they could see, a
            // permission change, a new policy answer). While it stays, a client that cleaned up at it has nothing to
            // clean up (docs/protocol.md, WhoAmI).
            command.CommandText = $"""
                SELECT
                  (SELECT value FROM meta WHERE key = 'customization_version'),
                  (SELECT full_sync_demand FROM sync_devices WHERE user_id = @u AND device_id = @d),
                  (SELECT full_sync_ack FROM sync_devices WHERE user_id = @u AND device_id = @d),
                  (SELECT full_sync_seen FROM sync_devices WHERE user_id = @u AND device_id = @d),
                  (SELECT value FROM meta WHERE key = @fp),
                  (SELECT value FROM meta WHERE key = @stamp),
                  (SELECT MAX(__version) FROM lost_visibility WHERE {visible.AnyEntityOwnerFilter("entity", "user_id", command)}),
                  (SELECT MAX(__version) FROM shares WHERE user_id = @u AND active = 0),
                  (SELECT MAX(__version) FROM deletelog WHERE user_id IS NULL OR {visible.AnyEntityOwnerFilter("entity", "user_id", command)})
                """;
            command.AddParameter("@u", userId);
            command.AddParameter("@d", deviceId);
            command.AddParameter("@fp", "visibility_fp:" + userId);
            command.AddParameter("@stamp", "visibility:" + userId);
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                customization = MetaStore.Parse(reader.IsDBNull(0) ? null : reader.GetString(0)).ToString(CultureInfo.InvariantCulture);
                demand = LongOrZero(reader, 1);
                ack = LongOrZero(reader, 2);
                seen = LongOrZero(reader, 3);
                storedFingerprint = reader.IsDBNull(4) ? null : reader.GetString(4);
                latest = MetaStore.Parse(reader.IsDBNull(5) ? null : reader.GetString(5));
                for (var i = 6; i <= 8; i++)
                {
                    latest = Math.Max(latest, LongOrZero(reader, i));
                }
            }

            watermark = await WatermarkAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        var fullSync = demand > ack;
        var noteDemand = fullSync && seen != demand;
        var newVisibility = (storedFingerprint ?? string.Empty) != fingerprint;
        if (noteDemand || newVisibility)
        {
            var stamped = await WriteAsync(
                newVisibility ? 1 : 0,
                async (connection, transaction, versions, ct) =>
                {
                    if (noteDemand)
                    {
                        using var command = connection.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = "UPDATE sync_devices SET full_sync_seen = @s WHERE user_id = @u AND device_id = @d AND full_sync_seen < @s";
                        command.AddParameter("@s", demand);
                        command.AddParameter("@u", userId);
                        command.AddParameter("@d", deviceId);
                        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    if (!newVisibility)
                    {
                        return 0L;
                    }

                    var version = await versions.NextAsync(ct).ConfigureAwait(false);
                    await MetaStore.WriteAsync(connection, transaction, "visibility_fp:" + userId, fingerprint, ct).ConfigureAwait(false);
                    await MetaStore.WriteAsync(connection, transaction, "visibility:" + userId, version.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                    return version;
                },
                cancellationToken).ConfigureAwait(false);

            // The stamp is committed now; the watermark covers it once every older writer committed (read again then).
            if (newVisibility)
            {
                latest = Math.Max(latest, stamped);
                watermark = await CurrentVersionAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Capped at the watermark, so a change that commits late (PostgreSQL, several nodes) still moves the value
        // a client stored before it.
        return new WhoAmIState(customization, fullSync, Math.Min(latest, watermark));
    }

    private static long LongOrZero(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
