using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Storage.Providers;

/// <summary>One write transaction with the change versions reserved for it. Disposing without committing rolls back.</summary>
internal abstract class WriteSession : IAsyncDisposable
{
    protected WriteSession(DbConnection connection, DbTransaction transaction, VersionSource versions)
    {
        Connection = connection;
        Transaction = transaction;
        Versions = versions;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public VersionSource Versions { get; }

    public abstract Task CommitAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
