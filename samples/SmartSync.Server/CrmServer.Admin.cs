using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Json;
using SmartSync.Server.Storage;

namespace SmartSync.Server;

// In-process administration: the same operations as the /admin endpoints, for tests, the demo and benchmarks.
public sealed partial class CrmServer
{
    /// <summary>Creates or updates a server row as an administrator would (bumps its change version).</summary>
    /// <returns>The row's new ETag.</returns>
    public async Task<string> EditRowAsync(string entity, string key, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        var table = Table(entity);
        using var document = ToJson(values);
        if (!CrmStore.TryParseValues(table, document.RootElement, out var parsed, out var error))
        {
            throw new ArgumentException(error, nameof(values));
        }

        if (!ValueConverter.TryNormalizeKey(key, table.Kinds[table.KeyIndex], out var normalized))
        {
            throw new ArgumentException($"'{key}' is not a valid key of '{entity}'.", nameof(key));
        }

        var result = await _store.AdminUpsertAsync(table, normalized, parsed, cancellationToken).ConfigureAwait(false);
        return result.ETag!;
    }

    /// <summary>Deletes a server row (logged in the delete log of its owner and of the users it was shared with).</summary>
    public Task<bool> DeleteRowAsync(string entity, string key, CancellationToken cancellationToken = default) =>
        _store.AdminDeleteAsync(Table(entity), Normalize(entity, key), cancellationToken);

    public Task<bool> ShareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        _store.SetShareAsync(Table(entity), Normalize(entity, key), userId, active: true, cancellationToken);

    public Task<bool> UnshareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        _store.SetShareAsync(Table(entity), Normalize(entity, key), userId, active: false, cancellationToken);

    /// <summary>Moves the customization version, as a data model change would.</summary>
    public Task<string> BumpCustomizationAsync(CancellationToken cancellationToken = default) => _store.BumpCustomizationAsync(cancellationToken);

    /// <summary>Demands a full sync of the user's devices (WhoAmI reports it until the device completes one).</summary>
    public Task<bool> RequireFullSyncAsync(string userId, CancellationToken cancellationToken = default) =>
        _store.SetFullSyncRequiredAsync(userId, true, cancellationToken);

    /// <summary>Expires every outstanding delta and paging token.</summary>
    public Task ExpireTokensAsync(CancellationToken cancellationToken = default) => _store.ExpireTokensAsync(cancellationToken);

    public Task SetPermissionAsync(string userId, string entity, bool canRead, bool canCreate, bool canUpdate, bool canDelete, CancellationToken cancellationToken = default) =>
        _store.SetPermissionAsync(new PermissionRequest(userId, entity, canRead, canCreate, canUpdate, canDelete), cancellationToken);

    /// <summary>The conflict dashboard: every conflict, newest first.</summary>
    public IReadOnlyList<ConflictDto> ListConflicts() => _store.ListConflicts();

    /// <summary>Resolves an open conflict: keep the server's row, or apply the device's values.</summary>
    public Task<bool> ResolveConflictAsync(long id, bool keepDevice, CancellationToken cancellationToken = default) =>
        _store.ResolveConflictAsync(id, keepDevice, cancellationToken);

    /// <summary>The keys of the rows the user owns in an entity (test helper: seeded data is deterministic but large).</summary>
    public IReadOnlyList<string> OwnedKeys(string entity, string userId, int max = 1000)
    {
        var table = Table(entity);
        using var connection = _store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = table.HasOwner
            ? $"SELECT {EntityTable.Quote(table.KeyColumn)} FROM {table.QuotedTable} WHERE {EntityTable.Quote(EntityTable.OwnerProperty)} = $u ORDER BY __version LIMIT $n"
            : $"SELECT {EntityTable.Quote(table.KeyColumn)} FROM {table.QuotedTable} ORDER BY __version LIMIT $n";
        command.Parameters.AddWithValue("$u", userId);
        command.Parameters.AddWithValue("$n", max);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>How many rows an entity's table holds.</summary>
    public long CountRows(string entity)
    {
        var table = Table(entity);
        using var connection = _store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table.QuotedTable}";
        return (long)command.ExecuteScalar()!;
    }

    private EntityTable Table(string entity) =>
        _store.FindByName(entity) ?? _store.FindBySet(entity) ?? throw new ArgumentException($"Unknown entity '{entity}'.", nameof(entity));

    private string Normalize(string entity, string key)
    {
        var table = Table(entity);
        return ValueConverter.TryNormalizeKey(key, table.Kinds[table.KeyIndex], out var normalized)
            ? normalized
            : throw new ArgumentException($"'{key}' is not a valid key of '{entity}'.", nameof(key));
    }

    private static JsonDocument ToJson(IReadOnlyDictionary<string, object?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                writer.WritePropertyName(name);
                switch (value)
                {
                    case null: writer.WriteNullValue(); break;
                    case string text: writer.WriteStringValue(text); break;
                    case bool flag: writer.WriteBooleanValue(flag); break;
                    case int number: writer.WriteNumberValue(number); break;
                    case long number: writer.WriteNumberValue(number); break;
                    case double number: writer.WriteNumberValue(number); break;
                    case decimal number: writer.WriteNumberValue(number); break;
                    case Guid guid: writer.WriteStringValue(guid); break;
                    case DateTimeOffset date: writer.WriteStringValue(date); break;
                    default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray());
    }
}
