using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartSync.Definitions.Semantics;
using SmartSync.Hosting;
using SmartSync.Runtime.Tests.Fakes;
using SmartSync.Transport.Http;
using Xunit;

namespace SmartSync.Runtime.Tests.Hosting;

/// <summary>services.AddSmartSync in a real generic host. These tests set <see cref="SmartSyncClient.Default"/>, so they run alone.</summary>
public sealed class AddSmartSyncTests
{
    [Fact]
    public async Task Host_builds_the_client_from_configuration_opens_it_and_runs_its_triggers_until_shutdown()
    {
        await using var h = new SyncHarness();
        h.Seed("task", 7);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmartSync:DatabasePath"] = h.DatabasePath,
            ["SmartSync:PageSize"] = "3",
            ["SmartSync:ConflictStrategies:task"] = "Manual",
        });
        builder.Services.AddSingleton<TimeProvider>(h.Time);
        builder.Services.AddSmartSync(builder.Configuration.GetSection("SmartSync"), options => options.Transport = h.Server);

        using var host = builder.Build();
        var client = host.Services.GetRequiredService<SmartSyncClient>();
        Assert.Same(client, host.Services.GetRequiredService<SmartSyncClient>());
        Assert.False(client.TriggersRunning);

        await host.StartAsync();
        Assert.True(client.TriggersRunning);
        Assert.Same(client, SmartSyncClient.Default);
        Assert.True(System.IO.File.Exists(h.DatabasePath)); // opened at start, before any sync

        var result = await client.RunFullSyncAsync();
        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Equal(7, (await client.Records.QueryAsync("task")).Count);

        await host.StopAsync();
        Assert.False(client.TriggersRunning);
        Assert.Throws<InvalidOperationException>(() => SmartSyncClient.Default);
    }

    [Fact]
    public async Task Triggers_of_the_clients_catalog_fire_on_the_containers_clock_and_follow_an_override_file()
    {
        await using var h = new SyncHarness();
        h.Seed("task", 2);
        var tasks = SyncHarness.Profile("GetTasks", SyncAction.DownSync, entities: [SyncHarness.Entity("task")]);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TimeProvider>(h.Time);
        builder.Services.AddSmartSync(options =>
        {
            options.DatabasePath = h.DatabasePath;
            options.Transport = h.Server;
            options.Catalog = ClientTriggerTests.Catalog(
                [tasks],
                new TriggerSpec("GetTasks", TriggerAction.AppStart, 5, null),
                new TriggerSpec("GetTasks", TriggerAction.PeriodicSync, 600, null));
        });
        using var host = builder.Build();
        var client = host.Services.GetRequiredService<SmartSyncClient>();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess); // a SmartSync needs the data model of a first full sync
        var baseline = h.Server.WhoAmICalls;
        await host.StartAsync();
        Assert.Equal(2, client.ActiveTriggers.Count);

        h.Time.Advance(TimeSpan.FromSeconds(5));
        await client.WhenTriggersIdleAsync();
        Assert.Equal(baseline + 1, h.Server.WhoAmICalls);

        // An override file replaces the client's catalog: the triggers are rebuilt from it, without re-running AppStart.
        var path = System.IO.Path.Combine(h.Folder, "SmartSync.xml");
        await System.IO.File.WriteAllTextAsync(path, """
            <SmartSyncSetup>
              <SmartSync Name="GetTasks" SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>
              <Trigger Launch="GetTasks" Delay="1" Action="AppStart" />
              <Trigger Launch="GetTasks" Delay="60" Action="PeriodicSync" />
            </SmartSyncSetup>
            """);
        Assert.True((await client.LoadOverrideFileAsync(path)).Success);
        Assert.Equal([TriggerAction.PeriodicSync], client.ActiveTriggers.Select(t => t.Action));
        Assert.Equal(60, client.ActiveTriggers[0].DelaySeconds);

        h.Time.Advance(TimeSpan.FromSeconds(60));
        await client.WhenTriggersIdleAsync();
        Assert.Equal(baseline + 2, h.Server.WhoAmICalls);

        await host.StopAsync();
    }

    [Fact]
    public async Task Without_a_transport_the_client_talks_HTTP_to_the_configured_server()
    {
        var services = new ServiceCollection();
        services.AddSmartSync(options =>
        {
            options.DatabasePath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartsync-unused.db");
            options.ServerBaseAddress = new Uri("http://127.0.0.1:5080/crm");
            options.AccessToken = "token";
        });
        await using var provider = services.BuildServiceProvider();

        // The transport is private to the client; what matters here is that the graph resolves without reflection tricks.
        var client = provider.GetRequiredService<SmartSyncClient>();
        Assert.NotNull(client);
        Assert.Single(provider.GetServices<IHostedService>().OfType<SmartSyncHostedService>());
    }

    [Fact]
    public async Task Circuit_breaker_and_retention_from_configuration_govern_the_client()
    {
        await using var h = new SyncHarness();
        var keys = h.Seed("task", 5);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmartSync:DatabasePath"] = h.DatabasePath,
            ["SmartSync:SetAsDefault"] = "false",
            ["SmartSync:StartTriggers"] = "false",
            ["SmartSync:CircuitBreaker:FailureThreshold"] = "1",
            ["SmartSync:CircuitBreaker:BreakDuration"] = "01:00:00",
            ["SmartSync:Retention:Runs"] = "2",
        });
        builder.Services.AddSingleton<TimeProvider>(h.Time);
        builder.Services.AddSmartSync(builder.Configuration.GetSection("SmartSync"), options => options.Transport = h.Server);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<SmartSyncClient>();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var tasks = SyncHarness.Profile("GetTasks", SyncAction.DownSync, modules: SyncModules.OnlyCoreModules, entities: [SyncHarness.Entity("task")]);

        // One connection failure opens the breaker (the default needs three).
        h.Server.FailAfterRecords = 0;
        h.Server.Put("task", keys[0], SyncHarness.Values(SyncHarness.Model.Find("task")!, 0, "v2"));
        Assert.Equal(SyncOutcome.Failed, (await client.RunAsync(tasks)).Outcome);
        var refused = await client.RunAsync(tasks);
        Assert.Equal(SyncRefusalReason.TooManyConnectionFailures, refused.RefusalReason);

        // Retention keeps the last two runs of the sync log.
        Assert.Equal(2, (await client.GetSyncLogAsync(runs: 10)).Count);
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_settings_stop_the_host_at_start_with_every_problem_named()
    {
        using var host = HostOverHttp(("PageSize", "0"), ("CircuitBreaker:FailureThreshold", "0"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains("PageSize", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("CircuitBreaker:FailureThreshold", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_or_invalid_settings_fail_with_a_message_that_names_them()
    {
        // Without a started host the options are still validated on first use, with the same typed error.
        var noDatabase = new ServiceCollection().AddSmartSync(options => options.ServerBaseAddress = new Uri("http://127.0.0.1:1/")).BuildServiceProvider();
        var invalid = Assert.Throws<OptionsValidationException>(() => noDatabase.GetRequiredService<SmartSyncClient>());
        Assert.Contains("DatabasePath", invalid.Message, StringComparison.Ordinal);

        var noServer = new ServiceCollection().AddSmartSync(options => options.DatabasePath = "x.db").BuildServiceProvider();
        invalid = Assert.Throws<OptionsValidationException>(() => noServer.GetRequiredService<SmartSyncClient>());
        Assert.Contains("ServerBaseAddress", invalid.Message, StringComparison.Ordinal);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmartSync:DatabasePath"] = "x.db",
            ["SmartSync:PageSize"] = "many",
        }).Build();
        var badValue = new ServiceCollection().AddSmartSync(configuration.GetSection("SmartSync")).BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => badValue.GetRequiredService<SmartSyncClient>());
        Assert.Contains("SmartSync:PageSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("many", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_settable_option_binds_from_configuration_through_AddSmartSync()
    {
        // Enumerated by reflection, so an option added later that does not bind fails here. Only objects code supplies
        // are exempt; everything else gets a value unlike its default under its own key (nested options as sections).
        var codeOnly = new HashSet<string>(StringComparer.Ordinal)
        {
            nameof(SmartSyncClientOptions.Transport),
            nameof(SmartSyncClientOptions.Catalog),
            nameof(SmartSyncHostingOptions.AccessTokenProvider),
            nameof(SmartSyncHostingOptions.ConfigureDataverse),
        };
        var defaults = new SmartSyncHostingOptions();
        var settings = new Dictionary<string, string?>();
        var expected = new List<(string Key, Func<SmartSyncHostingOptions, object?> Read, object Value)>();
        var clientProperties = typeof(SmartSyncClientOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name).ToList();
        Assert.Contains(nameof(SmartSyncClientOptions.PageSize), clientProperties);
        foreach (var property in Settable(typeof(SmartSyncHostingOptions)).Where(p => !codeOnly.Contains(p.Name)))
        {
            var current = property.GetValue(defaults);
            if (property.PropertyType.IsClass && property.PropertyType.Namespace == "SmartSync")
            {
                // A nested options class (circuit breaker, retention, auto exclusions): each of its settings as "Section:Key".
                foreach (var inner in Settable(property.PropertyType))
                {
                    var key = property.Name + ":" + inner.Name;
                    var (text, value) = Different(inner.PropertyType, inner.GetValue(current), key);
                    settings["SmartSync:" + key] = text;
                    var outer = property;
                    var read = inner;
                    expected.Add((key, o => read.GetValue(outer.GetValue(o)), value));
                }

                continue;
            }

            if (property.PropertyType == typeof(IReadOnlyDictionary<string, ConflictStrategy>))
            {
                settings["SmartSync:" + property.Name + ":account"] = "Manual";
                var map = property;
                expected.Add((property.Name + ":account", o => ((IReadOnlyDictionary<string, ConflictStrategy>)map.GetValue(o)!)["account"], ConflictStrategy.Manual));
                continue;
            }

            var (t, v) = Different(property.PropertyType, current, property.Name);
            settings["SmartSync:" + property.Name] = t;
            var p = property;
            expected.Add((property.Name, o => p.GetValue(o), v));
        }

        Assert.All(clientProperties.Where(n => !codeOnly.Contains(n)), name => Assert.Contains(expected, e => e.Key == name || e.Key.StartsWith(name + ":", StringComparison.Ordinal)));
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSmartSync(builder.Configuration.GetSection("SmartSync"));
        using var host = builder.Build();

        var bound = host.Services.GetRequiredService<IOptions<SmartSyncHostingOptions>>().Value;

        Assert.All(expected, e => Assert.True(Equals(e.Value, e.Read(bound)), $"'{e.Key}' did not bind: expected {e.Value}, got {e.Read(bound)}."));
    }

    [Theory]
    [InlineData("PageSize", "many")]
    [InlineData("CircuitBreaker:Window", "soon")]
    [InlineData("DefaultConflictStrategy", "Whoever")]
    [InlineData("ClientVersion", "one")]
    public async Task A_value_that_does_not_convert_stops_the_host_at_start(string key, string value)
    {
        using var host = HostOverHttp(("StartTriggers", "false"), ("SetAsDefault", "false"), (key, value));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("SmartSync:" + key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A host whose "SmartSync" section names a database and an (unused) HTTP server, plus <paramref name="settings"/>.</summary>
    private static IHost HostOverHttp(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var values = new Dictionary<string, string?>
        {
            ["SmartSync:DatabasePath"] = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smartsync-unused.db"),
            ["SmartSync:ServerBaseAddress"] = "http://127.0.0.1:1/",
        };
        foreach (var (key, value) in settings)
        {
            values["SmartSync:" + key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Services.AddSmartSync(builder.Configuration.GetSection("SmartSync"));
        return builder.Build();
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic);

    /// <summary>A configuration text and the value it must bind to, unlike <paramref name="current"/>.</summary>
    private static (string Text, object Value) Different(Type type, object? current, string key)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(int) => Text((current as int? ?? 0) + 7),
            _ when underlying == typeof(bool) => Text(!(current as bool? ?? false)),
            _ when underlying == typeof(TimeSpan) => Text((current as TimeSpan? ?? TimeSpan.Zero) + TimeSpan.FromSeconds(97)),
            _ when underlying == typeof(string) => ("value-of-" + key, "value-of-" + key),
            _ when underlying == typeof(Uri) => ("https://" + key.ToLowerInvariant() + ".example/", new Uri("https://" + key.ToLowerInvariant() + ".example/")),
            _ when underlying == typeof(Version) => ("7.3.1", new Version(7, 3, 1)),
            _ when underlying.IsEnum => Text(Enum.GetValues(underlying).Cast<object>().First(v => !v.Equals(current))),
            _ => throw new InvalidOperationException($"'{key}' is of type {type}, which this test cannot set: give it a configuration form (and a case here) or list it as code-only."),
        };

        static (string, object) Text(object value) => (Convert.ToString(value, CultureInfo.InvariantCulture)!, value);
    }
}
