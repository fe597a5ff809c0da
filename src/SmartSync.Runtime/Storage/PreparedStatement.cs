using System;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SmartSync.Storage;

/// <summary>
/// One statement prepared straight on the connection's native handle and executed again and again with values
/// bound by position. The download's hot path (one upsert per record) uses it instead of <see cref="SqliteCommand"/>,
/// which looks every parameter up by name and converts every string to a fresh UTF-8 array on each execution;
/// here text is encoded into one reused buffer and SQLite copies it. It runs on the same connection, so it joins
/// whatever transaction is open there and fires the same hooks.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly object?[] _bound;
    private byte[] _utf8 = new byte[256];

    public PreparedStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            var error = Error(rc);
            _statement?.Dispose();
            throw error;
        }

        _bound = new object?[raw.sqlite3_bind_parameter_count(_statement) + 1];
    }

    /// <summary>The position of a named parameter (1-based), or 0 when the statement has no such parameter.</summary>
    public int IndexOf(string name) => raw.sqlite3_bind_parameter_index(_statement, name);

    /// <summary>Binds a value of the transport's types (string, long, double, bool, byte[]; others are normalised first).</summary>
    public void Bind(int index, object? value)
    {
        // Bindings survive a reset: a value that is the very instance bound last time (a repeated owner, state or
        // date the page reader shares, a cached small integer) is left as it is instead of encoded and copied again.
        if (value is not null && ReferenceEquals(_bound[index], value))
        {
            return;
        }

        _bound[index] = null;
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string text => BindText(index, text),
            long integer => raw.sqlite3_bind_int64(_statement, index, integer),
            bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
            double real => raw.sqlite3_bind_double(_statement, index, real),
            byte[] { Length: 0 } => raw.sqlite3_bind_zeroblob(_statement, index, 0),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            _ => -1,
        };
        if (rc == -1)
        {
            Bind(index, EdmAffinity.Normalize(value));
            return;
        }

        Check(rc);
        _bound[index] = value is string or long or double or bool ? value : null; // not byte[]: an array can change in place
    }

    /// <summary>Runs the statement to completion and returns the rows it changed; the bindings stay for the next execution.</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            // A statement with RETURNING (or a SELECT): finish it.
            while (rc == raw.SQLITE_ROW)
            {
                rc = raw.sqlite3_step(_statement);
            }
        }

        if (rc != raw.SQLITE_DONE)
        {
            var error = Error(rc);
            raw.sqlite3_reset(_statement);
            ClearBindings();
            throw error;
        }

        var changes = raw.sqlite3_changes(_db);
        raw.sqlite3_reset(_statement);
        return changes;
    }

    /// <summary>Sets every parameter back to NULL.</summary>
    public void ClearBindings()
    {
        raw.sqlite3_clear_bindings(_statement);
        Array.Clear(_bound);
    }

    public void Dispose() => _statement.Dispose();

    private int BindText(int index, string text)
    {
        if (text.Length == 0)
        {
            // An empty span may be pinned as a null pointer, which SQLite binds as NULL; the string overload always binds ''.
            return raw.sqlite3_bind_text(_statement, index, string.Empty);
        }

        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max > _utf8.Length)
        {
            // Exact size for long values: the buffer lives as long as the statement.
            _utf8 = new byte[Math.Max(Encoding.UTF8.GetByteCount(text), _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length));
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new(raw.sqlite3_errmsg(_db).utf8_to_string() ?? "SQLite error " + rc, rc, raw.sqlite3_extended_errcode(_db));
}
