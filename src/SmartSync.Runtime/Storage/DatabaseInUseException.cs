using System;

namespace SmartSync;

/// <summary>
/// The local database is owned by another process (another app instance, a background agent) or by another
/// client in this process: one owner at a time, so cursors and the outbox never interleave.
/// </summary>
public sealed class DatabaseInUseException : InvalidOperationException
{
    public DatabaseInUseException(string databasePath, string lockPath, int? ownerProcessId, string? ownerProcessName, string? ownerHost, DateTimeOffset? ownerSince)
        : base(Describe(databasePath, lockPath, ownerProcessId, ownerProcessName, ownerHost, ownerSince))
    {
        DatabasePath = databasePath;
        LockPath = lockPath;
        OwnerProcessId = ownerProcessId;
        OwnerProcessName = ownerProcessName;
        OwnerHost = ownerHost;
        OwnerSince = ownerSince;
    }

    /// <summary>The database file that is in use.</summary>
    public string DatabasePath { get; }

    /// <summary>The lock file next to it, held open by the owner (the operating system releases it when the owner ends, crash included).</summary>
    public string LockPath { get; }

    /// <summary>The owner's process id, when it recorded one.</summary>
    public int? OwnerProcessId { get; }

    /// <summary>The owner's process name, when it recorded one.</summary>
    public string? OwnerProcessName { get; }

    /// <summary>The machine the owner runs on (a database on a network share may be opened from another one).</summary>
    public string? OwnerHost { get; }

    /// <summary>When the owner took the database.</summary>
    public DateTimeOffset? OwnerSince { get; }

    private static string Describe(string databasePath, string lockPath, int? pid, string? name, string? host, DateTimeOffset? since)
    {
        var owner = pid is null
            ? "another process (it has not recorded itself yet)"
            : FormattableString.Invariant($"process {pid} '{name}' on host '{host}' (since {since:O})");
        return $"The SmartSync database '{databasePath}' is in use by {owner}; one process owns a database at a time. Lock file: '{lockPath}'.";
    }
}
