using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Server;

namespace SmartSync.ReferenceServer.Seeding;

/// <summary>
/// Fills an empty database with deterministic demo data through the library's bulk import: users, records
/// owned round-robin by the users, some records shared with the next user, lookups pointing at real rows,
/// blobs and mail. One transaction, one prepared command per table.
/// </summary>
internal sealed class DemoSeeder(EntityDataModel model, SeedPlan plan)
{
    public const string OwnerProperty = "_ownerid_value";
    public static readonly string[] UserNames = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"];
    private static readonly string[] Words =
    [
        "Contoso", "Fabrikam", "Northwind", "Adventure", "Litware", "Tailspin", "Proseware", "Woodgrove", "Alpine", "Coho",
        "Blue", "Yonder", "Trey", "Wingtip", "Lucerne", "Margie", "Relecloud", "Humongous", "Wide", "Fourth",
    ];

    private static readonly string[] Cities = ["Seattle", "Lisbon", "Berlin", "Osaka", "Toronto", "Lyon", "Oslo", "Austin", "Perth", "Dublin"];

    private readonly Random _random = new(plan.Seed);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _entityIndex = new(StringComparer.Ordinal);

    /// <summary>The user-owned row count of an entity.</summary>
    public int CountOf(EntityTypeDefinition table)
    {
        if (plan.RowCounts.TryGetValue(table.Name, out var count))
        {
            return Math.Clamp(count, 0, 1_000_000);
        }

        return table.Name switch
        {
            "organization" => 1,
            "systemuser" => Math.Max(plan.UserCount, plan.ReferenceRowsPerEntity),
            _ => Math.Clamp(HasOwner(table) ? plan.RowsPerEntity : plan.ReferenceRowsPerEntity, 0, 1_000_000),
        };
    }

    /// <summary>The deterministic key of row <paramref name="row"/> of an entity: users and lookups can name rows before they exist.</summary>
    public Guid KeyOf(string entity, int row)
    {
        var index = _entityIndex.TryGetValue(entity, out var i) ? i : 0;
        return new Guid(row + 1, (short)index, 0x4000, 0x8a, 0x5e, (byte)(plan.Seed >> 8), (byte)plan.Seed, 0x53, 0x59, 0x4e, 0x43);
    }

    public string UserId(int user) => KeyOf("systemuser", user).ToString("D");

    public static string UserName(int user) => user < UserNames.Length ? UserNames[user] : "user" + user.ToString(CultureInfo.InvariantCulture);

    private static bool HasOwner(EntityTypeDefinition table) => table.Properties.Any(p => p.Name == OwnerProperty);

    public async Task SeedAsync(SmartSyncImport import, CancellationToken cancellationToken)
    {
        var tables = model.SyncableEntities.ToList();
        for (var i = 0; i < tables.Count; i++)
        {
            _entityIndex[tables[i].Name] = i + 1;
            _counts[tables[i].Name] = CountOf(tables[i]);
        }

        for (var i = 0; i < plan.UserCount; i++)
        {
            await import.AddUserAsync(UserId(i), UserName(i), cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SeedTableAsync(import, table, cancellationToken).ConfigureAwait(false);
        }

        await SeedSharesAsync(import, tables, cancellationToken).ConfigureAwait(false);
        await SeedBlobsAsync(import, cancellationToken).ConfigureAwait(false);
        await SeedMailAsync(import, cancellationToken).ConfigureAwait(false);
        await SeedPermissionsAsync(import, cancellationToken).ConfigureAwait(false);
    }

    private async Task SeedTableAsync(SmartSyncImport import, EntityTypeDefinition table, CancellationToken cancellationToken)
    {
        var count = _counts[table.Name];
        if (count == 0)
        {
            return;
        }

        var columns = table.Properties.Select(p => p.Name).ToArray();
        var kinds = table.Properties.Select(p => p.Kind).ToArray();
        var keyIndex = Array.IndexOf(columns, table.Key);
        var ownerIndex = Array.IndexOf(columns, OwnerProperty);
        var lookupTargets = new string?[columns.Length];
        foreach (var lookup in table.Lookups)
        {
            var index = lookup.ForeignKey is null ? -1 : Array.IndexOf(columns, lookup.ForeignKey);
            if (index >= 0)
            {
                lookupTargets[index] = lookup.TargetEntity;
            }
        }

        var values = new object?[columns.Length];
        for (var row = 0; row < count; row++)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ValueFor(table.Name, columns[i], kinds[i], i == keyIndex, i == ownerIndex, row, lookupTargets[i]);
            }

            await import.AddRowAsync(table.Name, values, cancellationToken).ConfigureAwait(false);
        }
    }

    private object? ValueFor(string entity, string name, EdmValueKind kind, bool isKey, bool isOwner, int row, string? lookupTarget)
    {
        if (isKey)
        {
            return KeyOf(entity, row).ToString("D");
        }

        if (isOwner)
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
        return kind switch
        {
            EdmValueKind.Integer => (long)_random.Next(0, 100),
            EdmValueKind.Double => Math.Round(_random.NextDouble() * 1000, 3),
            EdmValueKind.Decimal => Math.Round((decimal)_random.NextDouble() * 100_000m, 2).ToString(CultureInfo.InvariantCulture),
            EdmValueKind.Boolean => (long)_random.Next(2),
            EdmValueKind.Guid => (entity == "systemuser" && row < plan.UserCount) ? null : new Guid(_random.Next(), (short)_random.Next(), 0x4000, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D"),
            EdmValueKind.DateTimeOffset => new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(_random.Next(0, 2 * 365 * 24 * 60)).ToString("O", CultureInfo.InvariantCulture),
            _ => TextFor(entity, row, name, word, n),
        };
    }

    private string TextFor(string entity, int row, string name, string word, string n)
    {
        if (entity == "systemuser" && row < plan.UserCount && name == "fullname")
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
            "description" or "notetext" => $"{word} notes for {entity} {n}: follow up with the customer about the next steps.",
            "isocurrencycode" => new[] { "USD", "EUR", "GBP", "JPY", "CHF" }[row % 5],
            _ => $"{word} {name} {n}",
        };
    }

    private async Task SeedSharesAsync(SmartSyncImport import, List<EntityTypeDefinition> tables, CancellationToken cancellationToken)
    {
        if (plan.UserCount < 2)
        {
            return;
        }

        foreach (var table in tables.Where(HasOwner))
        {
            // Every tenth record is shared with the next user (its owner is row % users).
            for (var row = 0; row < _counts[table.Name]; row += 10)
            {
                await import.AddShareAsync(table.Name, KeyOf(table.Name, row).ToString("D"), UserId((row + 1) % plan.UserCount), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SeedBlobsAsync(SmartSyncImport import, CancellationToken cancellationToken)
    {
        // (kind, entity, every nth row, file name, content type, size)
        (SyncBlobKind Kind, string Entity, int Every, string File, string Type, int Size)[] specs =
        [
            (SyncBlobKind.Image, "contact", 5, "photo.png", "image/png", 512),
            (SyncBlobKind.Image, "account", 5, "logo.png", "image/png", 512),
            (SyncBlobKind.Attachment, "annotation", 2, "note.txt", "text/plain", 256),
            (SyncBlobKind.Attachment, "email", 4, "attachment.pdf", "application/pdf", 1024),
            (SyncBlobKind.Document, "account", 10, "contract.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 2048),
        ];
        foreach (var spec in specs)
        {
            if (!_counts.ContainsKey(spec.Entity))
            {
                continue;
            }

            for (var row = 0; row < _counts[spec.Entity]; row += spec.Every)
            {
                var bytes = new byte[spec.Size];
                _random.NextBytes(bytes);
                await import.AddBlobAsync(spec.Kind, $"{(int)spec.Kind}-{spec.Entity}-{row}", spec.Entity, KeyOf(spec.Entity, row).ToString("D"), spec.File, spec.Type, bytes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SeedMailAsync(SmartSyncImport import, CancellationToken cancellationToken)
    {
        var perUser = Math.Min(plan.RowsPerEntity, 25);
        for (var user = 0; user < plan.UserCount; user++)
        {
            for (var i = 0; i < perUser; i++)
            {
                var word = Words[_random.Next(Words.Length)];
                await import.AddMailAsync(
                    UserId(user),
                    $"mail-{user}-{i}",
                    $"{word} follow-up #{i}",
                    $"{word.ToLowerInvariant()}@example.com",
                    $"{(user < UserNames.Length ? UserNames[user] : "user")}@contoso.example",
                    new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero).AddHours(i * 7 + user),
                    $"Hello, here is the {word} update we discussed.",
                    cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task SeedPermissionsAsync(SmartSyncImport import, CancellationToken cancellationToken)
    {
        if (plan.UserCount < 3)
        {
            return;
        }

        // The third user is restricted, so permission handling is visible in the demo: no account deletes,
        // no campaign creation.
        await import.SetPermissionAsync(UserId(2), "account", canRead: true, canCreate: true, canUpdate: true, canDelete: false, cancellationToken).ConfigureAwait(false);
        await import.SetPermissionAsync(UserId(2), "campaign", canRead: true, canCreate: false, canUpdate: true, canDelete: false, cancellationToken).ConfigureAwait(false);
    }
}
