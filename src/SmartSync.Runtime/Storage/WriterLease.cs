using System;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>Exclusive use of the store's single writer connection until disposed.</summary>
internal readonly struct WriterLease : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly TableChangeFeed _changes;

    public WriterLease(SqliteConnection connection, SemaphoreSlim gate, TableChangeFeed changes)
    {
        Connection = connection;
        _gate = gate;
        _changes = changes;
    }

    public SqliteConnection Connection { get; }

    public void Dispose()
    {
        _gate.Release();

        // After the release: what committed under this lease is visible to readers now.
        _changes.Flush();
    }
}
