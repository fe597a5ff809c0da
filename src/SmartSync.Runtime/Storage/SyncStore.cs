using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.Parsing;

namespace SmartSync.Storage;

/// <summary>
/// The local SQLite database. Connection discipline: exactly one writer connection, used by the
/// sync engine and by app writes alike and serialised through an async lock, so writers queue
/// in-process instead of meeting SQLITE_BUSY; reads use separate pooled connections, which WAL
/// lets run beside the writer. The store owns its file: <see cref="DatabaseLock"/> refuses a second owner.
/// </summary>
internal sealed class SyncStore : IAsyncDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private DatabaseLock? _lock;
    private LocalModel? _model;
    private readonly TableChangeFeed _changes = new();
    private bool _disposed;
    private readonly Func<IReadOnlyCollection<string>?> _appEntities;

    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="appEntities">The app's tables in the owning client's catalog right now (null: every table of the model).</param>
    public SyncStore(string databasePath, Func<IReadOnlyCollection<string>?>? appEntities = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        _appEntities = appEntities ?? (static () => null);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Which tables each committed write changed (live queries listen to it).</summary>
    public TableChangeFeed Changes => _changes;

    /// <summary>The model of the local tables, or null before the first customization check.</summary>
    public LocalModel? Model => Volatile.Read(ref _model);

    /// <summary>The stored schema version is newer than this engine understands.</summary>
    public bool IsSchemaNewerThanEngine { get; private set; }

    public async ValueTask EnsureOpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _writer) is not null)
        {
            return;
        }

        await _openGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // One process owns the database: a second one fails here, before it reads or writes anything.
            _lock ??= DatabaseLock.Acquire(DatabasePath);
            var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // WAL: readers beside the writer. NORMAL: no fsync per commit (WAL stays durable across app crashes).
            // A 16 MB page cache and checkpoints every ~40 MB of WAL keep one-transaction-per-page downloads close
            // to a single-transaction bulk insert; journal_size_limit trims the WAL file afterwards.
            Execute(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; " +
                "PRAGMA cache_size=-16000; PRAGMA wal_autocheckpoint=10000; PRAGMA journal_size_limit=67108864;");
            var upgradeFrom = StoreSchema.Version;
            using (var tx = connection.BeginTransaction())
            {
                Execute(connection, tx, StoreSchema.Ddl);
                var stored = GetSetting(connection, tx, SettingNames.StoreSchemaVersion);
                if (stored is null)
                {
                    SetSetting(connection, tx, SettingNames.StoreSchemaVersion, StoreSchema.Version.ToString(CultureInfo.InvariantCulture));
                }
                else if (int.TryParse(stored, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
                {
                    if (version > StoreSchema.Version)
                    {
                        IsSchemaNewerThanEngine = true;
                    }
                    else
                    {
                        upgradeFrom = version;
                    }
                }

                tx.Commit();
            }

            var csdl = GetSetting(connection, null, SettingNames.ModelCsdl);
            if (csdl is not null)
            {
                var read = CsdlParser.Parse(csdl, "stored $metadata");
                if (read.Model is not null)
                {
                    _model = new LocalModel(read.Model, _appEntities());
                }
            }

            if (upgradeFrom < StoreSchema.Version)
            {
                // Entity tables written by an older engine gain the row-version column, the lookup indexes and the
                // triggers that remove blobs with their records: once, not on every open.
                using var tx = connection.BeginTransaction();
                if (_model is not null)
                {
                    ModelMigrator.UpgradeSystemColumns(connection, tx, _model);
                }

                SetSetting(connection, tx, SettingNames.StoreSchemaVersion, StoreSchema.Version.ToString(CultureInfo.InvariantCulture));
                tx.Commit();
            }

            if (_model is not null)
            {
                // A first full download that ended with the process left its lookup indexes to build.
                DeferredLookupIndexes.RestorePending(connection, _model);
            }

            _changes.Attach(connection);

            Volatile.Write(ref _writer, connection);
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <summary>Waits for the writer connection. Hold the lease only for a short transaction.</summary>
    public async ValueTask<WriterLease> AcquireWriterAsync(CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriterLease(_writer!, _writeGate, _changes);
    }

    /// <summary>A pooled read connection; WAL lets it read while the writer writes.</summary>
    public async ValueTask<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, null, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    internal void ReplaceModel(LocalModel model) => Volatile.Write(ref _model, model);

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static long ExecuteScalarLong(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static string? GetSetting(SqliteConnection connection, SqliteTransaction? transaction, string name)
    {
        using var command = Command(connection, transaction, "SELECT value FROM __ss_settings WHERE name = $n", ("$n", name));
        return command.ExecuteScalar() as string;
    }

    public static void SetSetting(SqliteConnection connection, SqliteTransaction? transaction, string name, string? value)
    {
        using var command = value is null
            ? Command(connection, transaction, "DELETE FROM __ss_settings WHERE name = $n", ("$n", name))
            : Command(connection, transaction, "INSERT INTO __ss_settings (name, value) VALUES ($n, $v) ON CONFLICT(name) DO UPDATE SET value = excluded.value", ("$n", name), ("$v", value));
        command.ExecuteNonQuery();
    }

    /// <summary>Whether the entity's table holds any synced row (rows with local changes do not count).</summary>
    public static bool HasSyncedRows(SqliteConnection connection, LocalTable table) =>
        ExecuteScalarLong(connection, null, "SELECT EXISTS (SELECT 1 FROM " + table.QuotedName + " WHERE " + LocalTable.StateColumn + " = 0)") != 0;

    public static IReadOnlyList<string> ReadStrings(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                TableChangeFeed.Detach(_writer);
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }

            // Pooled readers keep the file open otherwise; apps and tests expect to delete or move it.
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            _lock?.Dispose();
            _lock = null;
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
