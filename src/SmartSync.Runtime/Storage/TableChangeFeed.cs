using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SmartSync.Storage;

/// <summary>
/// Tells live queries which tables changed, from SQLite itself: update, commit and rollback hooks
/// on the store's single writer connection see every row written by app writes and by sync phases
/// alike. Tables touched by a committed transaction are published when the writer lease is
/// released, i.e. after the commit, so a re-query always sees the new rows. Nothing polls.
/// </summary>
internal sealed class TableChangeFeed
{
    private readonly object _gate = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> _committed = new(StringComparer.Ordinal);
    private string? _lastTable;
    private byte[] _lastTableBytes = [];

    /// <summary>Raised after a commit with the tables it changed; handlers must be quick (they run on the writer's thread).</summary>
    public event Action<IReadOnlyCollection<string>>? Changed;

    public void Attach(SqliteConnection writer)
    {
        var handle = writer.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        raw.sqlite3_update_hook(handle, (delegate_update)OnUpdate, null);
        raw.sqlite3_commit_hook(handle, OnCommit, null);
        raw.sqlite3_rollback_hook(handle, OnRollback, null);
    }

    public static void Detach(SqliteConnection writer)
    {
        if (writer.Handle is { } handle)
        {
            raw.sqlite3_update_hook(handle, (delegate_update?)null, null);
            raw.sqlite3_commit_hook(handle, null, null);
            raw.sqlite3_rollback_hook(handle, null, null);
        }
    }

    /// <summary>Publishes what committed since the last call (the writer lease calls it on release).</summary>
    public void Flush()
    {
        string[] tables;
        lock (_gate)
        {
            if (_committed.Count == 0)
            {
                return;
            }

            tables = new string[_committed.Count];
            _committed.CopyTo(tables);
            _committed.Clear();
        }

        Changed?.Invoke(tables);
    }

    private void OnUpdate(object userData, int type, utf8z database, utf8z table, long rowid)
    {
        // Called for every row the writer changes: downloads write one table row after row, so a repeat of
        // the previous table name is recognised from its UTF-8 bytes without decoding or allocating.
        var bytes = NullTerminated(table);
        lock (_gate)
        {
            if (_lastTable is not null && bytes.SequenceEqual(_lastTableBytes))
            {
                return;
            }

            var name = Encoding.UTF8.GetString(bytes);
            _lastTable = name;
            _lastTableBytes = bytes.ToArray();
            if (!name.StartsWith(SqlIdentifier.ReservedPrefix, StringComparison.Ordinal))
            {
                _pending.Add(name);
            }
        }
    }

    private static ReadOnlySpan<byte> NullTerminated(utf8z text)
    {
        ref var first = ref Unsafe.AsRef(in text.GetPinnableReference());
        if (Unsafe.IsNullRef(ref first))
        {
            return ReadOnlySpan<byte>.Empty;
        }

        var length = 0;
        while (Unsafe.Add(ref first, length) != 0)
        {
            length++;
        }

        return MemoryMarshal.CreateReadOnlySpan(ref first, length);
    }

    private int OnCommit(object userData)
    {
        lock (_gate)
        {
            _committed.UnionWith(_pending);
            _pending.Clear();
            _lastTable = null;
        }

        return 0;
    }

    private void OnRollback(object userData)
    {
        lock (_gate)
        {
            _pending.Clear();
            _lastTable = null;
        }
    }
}
