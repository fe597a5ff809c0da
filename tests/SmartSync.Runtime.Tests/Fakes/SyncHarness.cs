using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Parsing;
using SmartSync.Definitions.Semantics;
using SmartSync.Transport;
using Xunit;

namespace SmartSync.Runtime.Tests.Fakes;

/// <summary>A temp folder with a real SQLite file, the in-memory server seeded from the demo data model, and a client.</summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public static readonly string Csdl = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "crm.csdl"));

    public static readonly EntityDataModel Model = CsdlParser.Parse(Csdl, "crm.csdl").Model
        ?? throw new InvalidOperationException("crm.csdl did not parse");

    private readonly List<SmartSyncClient> _clients = new();

    public SyncHarness()
    {
        Folder = Path.Combine(Path.GetTempPath(), "smartsync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Server = new InMemoryCrmServer(Csdl, Model);
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "local.db");

    public InMemoryCrmServer Server { get; }

    public FakeTimeProvider Time { get; }

    public SmartSyncClient Client(
        int pageSize = 25,
        bool allowSmartSync = true,
        IReadOnlyDictionary<string, ConflictStrategy>? strategies = null,
        int cleanupDebtLimit = 10,
        AutoExclusionOptions? autoExclusions = null,
        CircuitBreakerOptions? breaker = null,
        ISyncTransport? transport = null,
        Version? clientVersion = null,
        SmartSyncCatalog? catalog = null)
    {
        var client = new SmartSyncClient(
            new SmartSyncClientOptions
            {
                DatabasePath = DatabasePath,
                Transport = transport ?? Server,
                PageSize = pageSize,
                AllowSmartSync = allowSmartSync,
                ConflictStrategies = strategies ?? new Dictionary<string, ConflictStrategy>(),
                CleanupDebtLimit = cleanupDebtLimit,
                AutoExclusions = autoExclusions ?? new AutoExclusionOptions(),
                CircuitBreaker = breaker ?? new CircuitBreakerOptions(),
                ClientVersion = clientVersion ?? new Version(1, 0),
                Catalog = catalog,
            },
            loggerFactory: null,
            timeProvider: Time);
        _clients.Add(client);
        return client;
    }

    public static LoadedProfile Profile(
        string name,
        SyncAction action = SyncAction.UpDownSync,
        SyncMethod method = SyncMethod.Default,
        SyncModules modules = SyncModules.None,
        EntitiesMode mode = EntitiesMode.Include,
        bool globalExclusions = true,
        bool autoExclusions = true,
        params EntitySpec[] entities) =>
        new(new ProfileSpec(name, null, action, method, globalExclusions, autoExclusions, modules, mode, entities.ToEquatableArray()));

    public static EntitySpec Entity(string name, bool withRelated = false, bool deep = false) => new(name, withRelated, deep);

    public static string KeyOf(int entityIndex, int n) => new Guid(n, (short)entityIndex, 0, new byte[8]).ToString("D");

    /// <summary>Seeds rows with values of each attribute's EDM type; returns the keys.</summary>
    public List<string> Seed(string entity, int count, int start = 1, bool shared = false)
    {
        var definition = Model.Find(entity)!;
        var index = Model.Entities.ToList().FindIndex(e => e.Name == entity);
        var keys = new List<string>();
        for (var n = start; n < start + count; n++)
        {
            var key = KeyOf(index, n);
            Server.Put(entity, key, Values(definition, n, "v1"), shared);
            keys.Add(key);
        }

        return keys;
    }

    public static Dictionary<string, object?> Values(EntityTypeDefinition definition, int n, string tag)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in definition.Properties)
        {
            if (property.Name == definition.Key)
            {
                continue;
            }

            values[property.Name] = property.EdmType switch
            {
                "Edm.String" => property.Name + "-" + n.ToString(CultureInfo.InvariantCulture) + "-" + tag,
                "Edm.Int32" or "Edm.Int64" => (long)n,
                "Edm.Boolean" => n % 2 == 0,
                "Edm.Double" => n * 1.5,
                "Edm.Decimal" => (n * 1.25m).ToString(CultureInfo.InvariantCulture),
                "Edm.DateTimeOffset" => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n).ToString("O", CultureInfo.InvariantCulture),
                "Edm.Guid" => null, // lookups stay empty unless a test sets them
                _ => null,
            };
        }

        return values;
    }

    /// <summary>The device's rows of an entity, as key -> canonical text.</summary>
    public static async Task<SortedDictionary<string, string>> LocalSnapshot(SmartSyncClient client, string entity)
    {
        var definition = Model.Find(entity)!;
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in await client.Records.QueryAsync(entity))
        {
            result.Add(record.Key, Canonical.Of(definition, record.Values));
        }

        return result;
    }

    public static async Task AssertConverged(SyncHarness harness, SmartSyncClient client, params string[] entities)
    {
        foreach (var entity in entities)
        {
            Assert.Equal(harness.Server.Snapshot(entity), await LocalSnapshot(client, entity));
        }
    }

    /// <summary>Runs a query on the database file through a separate connection (what another process would see).</summary>
    public List<object?[]> Query(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public long Scalar(string sql) => Convert.ToInt64(Query(sql)[0][0], CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
