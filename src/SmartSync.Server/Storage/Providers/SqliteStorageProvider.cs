using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Server.Storage.Providers;

/// <summary>
/// One SQLite file, one server process (the embedded default). Readers run concurrently (WAL); writers take one
/// in-process gate, so versions are handed out in commit order and the last committed version is the watermark.
/// </summary>
internal sealed class SqliteStorageProvider : IStorageProvider
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private long _version;

    public SqliteStorageProvider(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Name => "sqlite";

    public string FixedSchema { get; } = Schema.Render("INTEGER", "TEXT", "TEXT", "BLOB", "INTEGER PRIMARY KEY AUTOINCREMENT");

    public string LockForUpdate => string.Empty;

    public string BlobStreamingColumn => ", b.rowid";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public string ColumnType(EdmValueKind kind, bool isKey) => EdmTypes.SqliteAffinity(kind);

    public string Greatest(string left, string right) => $"MAX({left}, {right})";

    public async Task<IReadOnlySet<string>> ColumnsOfAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info(@t)";
        command.AddParameter("@t", table);
        return await command.ReadNameSetAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task InitializeAsync(DbConnection connection, Func<DbConnection, DbTransaction, Task> createSchema, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await createSchema(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            _version = await MetaStore.ReadLongAsync(connection, null, "version", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<WriteSession> BeginWriteAsync(int versions, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new Session(this, connection, transaction, new VersionSource(Interlocked.Read(ref _version) + 1, long.MaxValue, null));
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            _writeGate.Release();
            throw;
        }
    }

    public Task<long> ReadWatermarkAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult(Interlocked.Read(ref _version));

    public bool IsTransient(Exception exception) => false;

    private sealed class Session(SqliteStorageProvider owner, DbConnection connection, DbTransaction transaction, VersionSource versions)
        : WriteSession(connection, transaction, versions)
    {
        private bool _released;

        public override async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (Versions.Used)
            {
                await MetaStore.WriteAsync(Connection, Transaction, "version", Versions.Highest.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }

            await Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (Versions.Used)
            {
                Interlocked.Exchange(ref owner._version, Versions.Highest);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (_released)
            {
                return;
            }

            _released = true;
            await Transaction.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
            owner._writeGate.Release();
        }
    }
}
