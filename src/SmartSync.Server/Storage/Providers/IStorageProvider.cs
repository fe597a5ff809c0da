using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Server.Storage.Providers;

/// <summary>
/// What differs between the databases the server runs on (SQLite, PostgreSQL): connections, DDL, a few
/// SQL spellings, and above all how change versions are handed out and up to where readers may read
/// (docs/server.md, "Change versions and the safe watermark"). Every other line of SQL is shared.
/// </summary>
internal interface IStorageProvider
{
    /// <summary>"sqlite" or "postgres" (logs, errors).</summary>
    string Name { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The model-independent tables.</summary>
    string FixedSchema { get; }

    /// <summary>The column type of an EDM value (keys get a byte-ordered collation so paging by key is stable).</summary>
    string ColumnType(EdmValueKind kind, bool isKey);

    /// <summary>SQL for the larger of two integer expressions.</summary>
    string Greatest(string left, string right);

    /// <summary>Suffix that locks a row read inside a write transaction until it commits (empty when writers are serialized anyway).</summary>
    string LockForUpdate { get; }

    /// <summary>
    /// A select-list item (with its leading comma) that lets the provider's data reader stream a blob column of
    /// table alias <c>b</c> instead of buffering it: SQLite streams through the row id; PostgreSQL needs nothing.
    /// </summary>
    string BlobStreamingColumn { get; }

    /// <summary>The columns an existing table has (empty when it does not exist).</summary>
    Task<IReadOnlySet<string>> ColumnsOfAsync(DbConnection connection, string table, CancellationToken cancellationToken);

    /// <summary>Creates the schema under a lock (several nodes may start at once), then loads what the provider caches.</summary>
    Task InitializeAsync(DbConnection connection, Func<DbConnection, DbTransaction, Task> createSchema, CancellationToken cancellationToken);

    /// <summary>Opens a write transaction with <paramref name="versions"/> change versions reserved (more are handed out on demand).</summary>
    Task<WriteSession> BeginWriteAsync(int versions, CancellationToken cancellationToken);

    /// <summary>
    /// The highest version below which every change is committed: a reader that returns rows up to it and
    /// hands out a cursor at it never skips a row that commits later.
    /// </summary>
    Task<long> ReadWatermarkAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Whether a failed write may simply be retried (two nodes inserted the same key at once).</summary>
    bool IsTransient(Exception exception);
}
