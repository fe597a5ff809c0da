using System.Data.Common;
using System.Globalization;

namespace SmartSync.Server.Storage;

/// <summary>The <c>meta</c> key/value table: token key, epoch, customization version, model hash, import markers.</summary>
internal static class MetaStore
{
    public static string? Read(DbConnection connection, DbTransaction? transaction, string key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE key = @k";
        command.AddParameter("@k", key);
        return command.ExecuteScalar() as string;
    }

    public static long ReadLong(DbConnection connection, DbTransaction? transaction, string key) =>
        long.TryParse(Read(connection, transaction, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static void Write(DbConnection connection, DbTransaction? transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta (key, value) VALUES (@k, @v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.AddParameter("@k", key);
        command.AddParameter("@v", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Writes the value only when the key is absent (two nodes starting at once agree on one value).</summary>
    public static void WriteIfAbsent(DbConnection connection, DbTransaction? transaction, string key, string value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO meta (key, value) VALUES (@k, @v) ON CONFLICT(key) DO NOTHING";
        command.AddParameter("@k", key);
        command.AddParameter("@v", value);
        command.ExecuteNonQuery();
    }
}
