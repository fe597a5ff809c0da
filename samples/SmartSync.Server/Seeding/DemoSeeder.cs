using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using Microsoft.Data.Sqlite;
using SmartSync.Definitions.DataModel;
using SmartSync.Server.Storage;

namespace SmartSync.Server.Seeding;

/// <summary>
/// Fills an empty database with deterministic demo data: users, records owned round-robin by the users,
/// some records shared with the next user, lookups pointing at real rows, blobs and mail. One transaction,
/// one prepared command per table: a million rows take seconds, not minutes.
/// </summary>
internal sealed class DemoSeeder(CrmStore store, SeedPlan plan)
{
    private static readonly string[] UserNames = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];
    private static readonly string[] Words =
    [
        "Contoso", "Fabrikam", "Northwind", "Adventure", "Litware", "Tailspin", "Proseware", "Woodgrove", "Alpine", "Coho",
        "Blue", "Yonder", "Trey", "Wingtip", "Lucerne", "Margie", "Relecloud", "Humongous", "Wide", "Fourth",
    ];

    private static readonly string[] Cities = ["Seattle", "Lisbon", "Berlin", "Osaka", "Toronto", "Lyon", "Oslo", "Austin", "Perth", "Dublin"];

    private readonly Random _random = new(plan.Seed);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _entityIndex = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>The user-owned row count of an entity.</summary>
    public int CountOf(EntityTable table)
    {
        if (plan.RowCounts.TryGetValue(table.Name, out var count))
        {
            return Math.Clamp(count, 0, 1_000_000);
        }

        return table.Name switch
        {
            "organization" => 1,
            "systemuser" => Math.Max(plan.UserCount, plan.ReferenceRowsPerEntity),
            _ => Math.Clamp(table.HasOwner ? plan.RowsPerEntity : plan.ReferenceRowsPerEntity, 0, 1_000_000),
        };
    }

    /// <summary>The deterministic key of row <paramref name="row"/> of an entity: users and lookups can name rows before they exist.</summary>
    public Guid KeyOf(string entity, int row)
    {
        var index = _entityIndex.TryGetValue(entity, out var i) ? i : 0;
        return new Guid(row + 1, (short)index, 0x4000, 0x8a, 0x5e, (byte)(plan.Seed >> 8), (byte)plan.Seed, 0x53, 0x59, 0x4e, 0x43);
    }

    public string UserId(int user) => KeyOf("systemuser", user).ToString("D");

    public long Seed(SqliteConnection connection, long version, CancellationToken cancellationToken)
    {
        _version = version;
        var tables = store.Tables.ToList();
        for (var i = 0; i < tables.Count; i++)
        {
            _entityIndex[tables[i].Name] = i + 1;
            _counts[tables[i].Name] = CountOf(tables[i]);
        }

        using var transaction = connection.BeginTransaction();
        SeedUsers(connection, transaction);
        foreach (var table in tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SeedTable(connection, transaction, table);
        }

        SeedShares(connection, transaction, tables);
        SeedBlobs(connection, transaction);
        SeedMail(connection, transaction);
        SeedPermissions(connection, transaction);
        CrmStore.WriteMeta(connection, transaction, "version", _version.ToString(CultureInfo.InvariantCulture));
        transaction.Commit();
        return _version;
    }

    private void SeedUsers(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO users (id, name, token) VALUES ($id, $name, $token)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        var token = command.Parameters.Add("$token", SqliteType.Text);
        command.Prepare();
        for (var i = 0; i < plan.UserCount; i++)
        {
            id.Value = UserId(i);
            name.Value = i < UserNames.Length ? UserNames[i] : "user" + i.ToString(CultureInfo.InvariantCulture);
            // Tokens are secrets: random, not derived from the seed.
            token.Value = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
            command.ExecuteNonQuery();
        }
    }

    private void SeedTable(SqliteConnection connection, SqliteTransaction transaction, EntityTable table)
    {
        var count = _counts[table.Name];
        if (count == 0)
        {
            return;
        }

        var lookupTargets = new string?[table.Columns.Length];
        foreach (var lookup in table.Entity.Lookups)
        {
            if (lookup.ForeignKey is not null && table.TryGetIndex(lookup.ForeignKey, out var index))
            {
                lookupTargets[index] = lookup.TargetEntity;
            }
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = new SqliteParameter[table.Columns.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text);
        }

        var version = command.Parameters.Add("$v", SqliteType.Integer);
        command.CommandText = $"INSERT INTO {table.QuotedTable} ({table.SelectList}, __version) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}, $v)";
        command.Prepare();
        for (var row = 0; row < count; row++)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = ValueFor(table, row, i, lookupTargets[i]) ?? DBNull.Value;
            }

            version.Value = ++_version;
            command.ExecuteNonQuery();
        }
    }

    private object? ValueFor(EntityTable table, int row, int column, string? lookupTarget)
    {
        var name = table.Columns[column];
        if (column == table.KeyIndex)
        {
            return KeyOf(table.Name, row).ToString("D");
        }

        if (column == table.OwnerIndex)
        {
            return UserId(row % plan.UserCount);
        }

        if (lookupTarget is not null)
        {
            var targetCount = _counts.TryGetValue(lookupTarget, out var c) ? c : 0;
            return targetCount == 0 || _random.Next(4) == 0 ? null : KeyOf(lookupTarget, _random.Next(targetCount)).ToString("D");
        }

        var n = row.ToString(CultureInfo.InvariantCulture);
        var word = Words[_random.Next(Words.Length)];
        return table.Kinds[column] switch
        {
            EdmValueKind.Integer => (long)_random.Next(0, 100),
            EdmValueKind.Double => Math.Round(_random.NextDouble() * 1000, 3),
            EdmValueKind.Decimal => Math.Round((decimal)_random.NextDouble() * 100_000m, 2).ToString(CultureInfo.InvariantCulture),
            EdmValueKind.Boolean => (long)_random.Next(2),
            EdmValueKind.Guid => (table.Name == "systemuser" && row < plan.UserCount) ? null : new Guid(_random.Next(), (short)_random.Next(), 0x4000, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D"),
            EdmValueKind.DateTimeOffset => new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(_random.Next(0, 2 * 365 * 24 * 60)).ToString("O", CultureInfo.InvariantCulture),
            _ => TextFor(table, row, name, word, n),
        };
    }

    private string TextFor(EntityTable table, int row, string name, string word, string n)
    {
        if (table.Name == "systemuser" && row < plan.UserCount && name == "fullname")
        {
            return row < UserNames.Length ? UserNames[row] : "user" + n;
        }

        if (name.Contains("email", StringComparison.Ordinal) || name == "sender" || name == "torecipients")
        {
            return $"{word.ToLowerInvariant()}.{n}@example.com";
        }

        if (name.Contains("telephone", StringComparison.Ordinal) || name.Contains("phone", StringComparison.Ordinal))
        {
            return "+1 555 " + (row % 10_000).ToString("0000", CultureInfo.InvariantCulture);
        }

        if (name.Contains("city", StringComparison.Ordinal))
        {
            return Cities[_random.Next(Cities.Length)];
        }

        return name switch
        {
            "description" or "notetext" => $"{word} notes for {table.Name} {n}: follow up with the customer about the next steps.",
            "isocurrencycode" => new[] { "USD", "EUR", "GBP", "JPY", "CHF" }[row % 5],
            _ => $"{word} {name} {n}",
        };
    }

    private void SeedShares(SqliteConnection connection, SqliteTransaction transaction, List<EntityTable> tables)
    {
        if (plan.UserCount < 2)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO shares (entity, key, user_id, active, __version) VALUES ($e, $k, $u, 1, $v)";
        var entity = command.Parameters.Add("$e", SqliteType.Text);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var user = command.Parameters.Add("$u", SqliteType.Text);
        var version = command.Parameters.Add("$v", SqliteType.Integer);
        command.Prepare();
        foreach (var table in tables.Where(t => t.HasOwner))
        {
            // Every tenth record is shared with the next user (its owner is row % users).
            for (var row = 0; row < _counts[table.Name]; row += 10)
            {
                entity.Value = table.Name;
                key.Value = KeyOf(table.Name, row).ToString("D");
                user.Value = UserId((row + 1) % plan.UserCount);
                version.Value = ++_version;
                command.ExecuteNonQuery();
            }
        }
    }

    private void SeedBlobs(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO blobs (id, kind, entity, key, owner, file_name, content_type, content, __version)
            VALUES ($id, $kind, $e, $k, $o, $f, $t, $c, $v)
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var kind = command.Parameters.Add("$kind", SqliteType.Integer);
        var entity = command.Parameters.Add("$e", SqliteType.Text);
        var key = command.Parameters.Add("$k", SqliteType.Text);
        var owner = command.Parameters.Add("$o", SqliteType.Text);
        var file = command.Parameters.Add("$f", SqliteType.Text);
        var type = command.Parameters.Add("$t", SqliteType.Text);
        var content = command.Parameters.Add("$c", SqliteType.Blob);
        var version = command.Parameters.Add("$v", SqliteType.Integer);
        command.Prepare();

        // (kind, entity, every nth row, file name, content type, size)
        (int Kind, string Entity, int Every, string File, string Type, int Size)[] specs =
        [
            (0, "contact", 5, "photo.png", "image/png", 512),
            (0, "account", 5, "logo.png", "image/png", 512),
            (1, "annotation", 2, "note.txt", "text/plain", 256),
            (1, "email", 4, "attachment.pdf", "application/pdf", 1024),
            (2, "account", 10, "contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 2048),
        ];
        foreach (var spec in specs)
        {
            var table = store.FindByName(spec.Entity);
            if (table is null)
            {
                continue;
            }

            for (var row = 0; row < _counts[spec.Entity]; row += spec.Every)
            {
                var bytes = new byte[spec.Size];
                _random.NextBytes(bytes);
                id.Value = $"{spec.Kind}-{spec.Entity}-{row}";
                kind.Value = spec.Kind;
                entity.Value = spec.Entity;
                key.Value = KeyOf(spec.Entity, row).ToString("D");
                owner.Value = table.HasOwner ? UserId(row % plan.UserCount) : DBNull.Value;
                file.Value = spec.File;
                type.Value = spec.Type;
                content.Value = bytes;
                version.Value = ++_version;
                command.ExecuteNonQuery();
            }
        }
    }

    private void SeedMail(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO mail (id, user_id, subject, sender, recipients, received_at, body, __version)
            VALUES ($id, $u, $s, $f, $t, $r, $b, $v)
            """;
        var parameters = new[] { "$id", "$u", "$s", "$f", "$t", "$r", "$b" }.Select(n => command.Parameters.Add(n, SqliteType.Text)).ToArray();
        var version = command.Parameters.Add("$v", SqliteType.Integer);
        command.Prepare();
        var perUser = Math.Min(plan.RowsPerEntity, 25);
        for (var user = 0; user < plan.UserCount; user++)
        {
            for (var i = 0; i < perUser; i++)
            {
                var word = Words[_random.Next(Words.Length)];
                parameters[0].Value = $"mail-{user}-{i}";
                parameters[1].Value = UserId(user);
                parameters[2].Value = $"{word} follow-up #{i}";
                parameters[3].Value = $"{word.ToLowerInvariant()}@example.com";
                parameters[4].Value = $"{(user < UserNames.Length ? UserNames[user] : "user")}@contoso.example";
                parameters[5].Value = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero).AddHours(i * 7 + user).ToString("O", CultureInfo.InvariantCulture);
                parameters[6].Value = $"Hello, here is the {word} update we discussed.";
                version.Value = ++_version;
                command.ExecuteNonQuery();
            }
        }
    }

    private void SeedPermissions(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (plan.UserCount < 3)
        {
            return;
        }

        // The third user is restricted, so permission handling is visible in the demo: no account deletes,
        // no campaign creation.
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO permissions (user_id, entity, can_read, can_create, can_update, can_delete) VALUES ($u, 'account', 1, 1, 1, 0);
            INSERT INTO permissions (user_id, entity, can_read, can_create, can_update, can_delete) VALUES ($u, 'campaign', 1, 0, 1, 0);
            """;
        command.Parameters.AddWithValue("$u", UserId(2));
        command.ExecuteNonQuery();
    }
}
