using System;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace SmartSync.Storage;

/// <summary>Exclusive use of the store's single writer connection until disposed.</summary>
internal readonly struct WriterLease : IDisposable
{
    private readonly SemaphoreSlim _gate;

    public WriterLease(SqliteConnection connection, SemaphoreSlim gate)
    {
        Connection = connection;
        _gate = gate;
    }

    public SqliteConnection Connection { get; }

    public void Dispose() => _gate.Release();
}
