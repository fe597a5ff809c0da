using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Storage;

// Users (as the app's authentication names them) and their devices, with the per-device full-sync state: an
// administrator's demand bumps the demand counter of every device of the user (or of one device); WhoAmI notes
// the counter the device was told about (seen), and the device's completion acknowledges that one only, so a
// demand made while it ran its full sync still stands, and its other devices keep theirs.
internal sealed partial class CrmStore
{
    /// <summary>Records the user and device on first sight (cached afterwards: no write per request).</summary>
    public async Task EnsureDeviceAsync(string userId, string userName, string deviceId, CancellationToken cancellationToken)
    {
        if (_knownDevices.ContainsKey((userId, deviceId)))
        {
            return;
        }

        await WriteAsync(
            0,
            async (connection, transaction, _, ct) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO sync_users (id, name) VALUES (@u, @n) ON CONFLICT (id) DO NOTHING;
                    INSERT INTO sync_devices (user_id, device_id) VALUES (@u, @d) ON CONFLICT (user_id, device_id) DO NOTHING;
                    """;
                command.AddParameter("@u", userId);
                command.AddParameter("@n", userName);
                command.AddParameter("@d", deviceId);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        _knownDevices[(userId, deviceId)] = true;
    }

    /// <summary>Adds or renames a user (seeding, the backend's own user management).</summary>
    public Task AddUserAsync(string userId, string name, CancellationToken cancellationToken) => WriteAsync(
        0,
        async (connection, transaction, _, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO sync_users (id, name) VALUES (@u, @n) ON CONFLICT (id) DO UPDATE SET name = excluded.name";
            command.AddParameter("@u", userId);
            command.AddParameter("@n", name);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        },
        cancellationToken);

    public async Task<IReadOnlyList<(string Id, string Name)>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name FROM sync_users ORDER BY name, id";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add((reader.GetString(0), reader.GetString(1)));
        }

        return users;
    }

    public async Task<bool> UserExistsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sync_users WHERE id = @u";
        command.AddParameter("@u", userId);
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>Demands a full sync of every device of the user (<paramref name="deviceId"/> null) or of one device.</summary>
    public Task<bool> RequireFullSyncAsync(string userId, string? deviceId, CancellationToken cancellationToken) => WriteAsync(
        0,
        async (connection, transaction, _, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.AddParameter("@u", userId);
            if (deviceId is null)
            {
                command.CommandText = """
                    UPDATE sync_devices SET full_sync_demand = full_sync_demand + 1 WHERE user_id = @u;
                    UPDATE sync_users SET full_sync_demand = full_sync_demand + 1 WHERE id = @u;
                    """;
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
            }

            // A device not seen yet gets its demand waiting for its first request.
            command.CommandText = """
                INSERT INTO sync_devices (user_id, device_id, full_sync_demand) SELECT @u, @d, 1 FROM sync_users WHERE id = @u
                ON CONFLICT (user_id, device_id) DO UPDATE SET full_sync_demand = sync_devices.full_sync_demand + 1
                """;
            command.AddParameter("@d", deviceId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        },
        cancellationToken);

    /// <summary>The device completed the full sync WhoAmI told it about: that demand is met; later ones and the user's other devices' stand.</summary>
    public Task AcknowledgeFullSyncAsync(string userId, string deviceId, CancellationToken cancellationToken) => WriteAsync(
        0,
        async (connection, transaction, _, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE sync_devices SET full_sync_ack = full_sync_seen
                WHERE user_id = @u AND device_id = @d AND full_sync_seen > full_sync_ack
                """;
            command.AddParameter("@u", userId);
            command.AddParameter("@d", deviceId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        },
        cancellationToken);
}
