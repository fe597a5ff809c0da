using System;
using System.Collections.Generic;
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
        var name = table.utf8_to_string();
        if (name.StartsWith(SqlIdentifier.ReservedPrefix, StringComparison.Ordinal))
        {
            return;
        }

        lock (_gate)
        {
            // Downloads touch one table row after row: skip the set lookup for a repeat.
            if (!string.Equals(name, _lastTable, StringComparison.Ordinal))
            {
                _pending.Add(name);
                _lastTable = name;
            }
        }
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
