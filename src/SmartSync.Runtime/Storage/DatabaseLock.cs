using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace SmartSync.Storage;

/// <summary>
/// Ownership of a database file: a lock file next to it (<c>&lt;database&gt;.lock</c>) held open exclusively for
/// the owner's lifetime, so the operating system releases it when the owner ends, even when it is killed. The
/// owner describes itself (pid, process name, host, time) in <c>&lt;database&gt;.owner</c>, which a refused
/// process reads for its error message (the locked file itself cannot be read by others on every platform).
/// </summary>
internal sealed class DatabaseLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _ownerPath;

    private DatabaseLock(FileStream stream, string ownerPath)
    {
        _stream = stream;
        _ownerPath = ownerPath;
    }

    /// <exception cref="DatabaseInUseException">Another process, or another client in this one, owns the database.</exception>
    public static DatabaseLock Acquire(string databasePath)
    {
        var lockPath = databasePath + ".lock";
        var ownerPath = databasePath + ".owner";
        FileStream stream;
        try
        {
            // FileShare.None: an exclusive OS lock (flock on Unix, a sharing mode on Windows), per open file, so a
            // second client in the same process is refused as well.
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            throw InUse(databasePath, lockPath, ownerPath);
        }
        catch (UnauthorizedAccessException) when (File.Exists(lockPath))
        {
            throw InUse(databasePath, lockPath, ownerPath);
        }

        try
        {
            var text = Describe();
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush(flushToDisk: false);
            File.WriteAllText(ownerPath, text);
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new DatabaseLock(stream, ownerPath);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // Best effort: a stale owner file is only read while the lock is held by a newer owner, who rewrote it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        _stream.Dispose();
    }

    private static string Describe()
    {
        using var process = Process.GetCurrentProcess();
        return string.Join(
            '\n',
            "pid=" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            "process=" + process.ProcessName,
            "host=" + Environment.MachineName,
            "since=" + DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)) + "\n";
    }

    private static DatabaseInUseException InUse(string databasePath, string lockPath, string ownerPath)
    {
        int? pid = null;
        string? name = null, host = null;
        DateTimeOffset? since = null;
        try
        {
            foreach (var line in File.ReadLines(ownerPath))
            {
                var at = line.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                {
                    continue;
                }

                var value = line[(at + 1)..];
                switch (line[..at])
                {
                    case "pid" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id): pid = id; break;
                    case "process": name = value; break;
                    case "host": host = value; break;
                    case "since" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time): since = time; break;
                }
            }
        }
        catch (IOException)
        {
            // The owner has not described itself yet: the error says so.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return new DatabaseInUseException(databasePath, lockPath, pid, name, host, since);
    }
}
