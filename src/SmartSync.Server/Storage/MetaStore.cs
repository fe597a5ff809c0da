using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Storage;

/// <summary>The <c>meta</c> key/value table: token key, epoch, customization version, model hash, import markers.</summary>
internal static class MetaStore
{
    public static async Task<string?> ReadAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE key = @k";
        command.AddParameter("@k", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public static async Task<long> ReadLongAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken) =>
        Parse(await ReadAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false));

    public static long Parse(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : 0;

    public static Task WriteAsync(DbConnection connection, DbTransaction? transaction, string key, string value, CancellationToken cancellationToken) =>
        UpsertAsync(connection, transaction, key, value, "DO UPDATE SET value = excluded.value", cancellationToken);

    /// <summary>Writes the value only when the key is absent (two nodes starting at once agree on one value).</summary>
    public static Task WriteIfAbsentAsync(DbConnection connection, DbTransaction? transaction, string key, string value, CancellationToken cancellationToken) =>
        UpsertAsync(connection, transaction, key, value, "DO NOTHING", cancellationToken);

    /// <summary>One insert for both writes; <paramref name="onConflict"/> is a constant chosen above, never input.</summary>
    private static async Task UpsertAsync(DbConnection connection, DbTransaction? transaction, string key, string value, string onConflict, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta (key, value) VALUES (@k, @v) ON CONFLICT(key) " + onConflict;
        command.AddParameter("@k", key);
        command.AddParameter("@v", value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
