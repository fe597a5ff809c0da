using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Modules;

/// <summary>
/// What the module flags and sync actions do, seen from the server: through its request counters, a skipped phase
/// made no request and a phase that runs made at least one. The expectation is the product's rule (docs/runtime.md),
/// written out here independently of the engine's phase selector, and no flag the engine sets itself is read.
/// </summary>
public sealed class ModuleRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly SyncModules[] Flags =
    [
        SyncModules.NoPreparation, SyncModules.NoRemoteConflicts, SyncModules.NoSyncDeletes, SyncModules.NoEntityImages, SyncModules.NoSyncShared,
        SyncModules.NoDocuments, SyncModules.NoAttachments, SyncModules.NoExchange, SyncModules.OnlyCoreModules, SyncModules.NoCleanup,
    ];

    private CrmServer Server => fixture.Server;

    public static TheoryData<SyncModules, SyncAction> Cases()
    {
        var data = new TheoryData<SyncModules, SyncAction>();
        foreach (var action in new[] { SyncAction.UpDownSync, SyncAction.UpSync, SyncAction.DownSync })
        {
            data.Add(SyncModules.None, action);
            foreach (var flag in Flags)
            {
                data.Add(flag, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_skipped_phase_makes_no_request_and_a_running_phase_does(SyncModules flag, SyncAction action)
    {
        Assert.Equal(10, Flags.Length);
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();

        // A pending change, so that an upload that runs has something to send.
        var key = Server.OwnedKeys("account", alice.Id)[0];
        await device.Client.Records.UpsertAsync("account", key, new Dictionary<string, object?> { ["name"] = "module test " + flag + " " + action });

        // A permission change moves alice's visibility version, so a cleanup that runs has keys to walk
        // (with nothing changed it asks the server nothing: docs/runtime.md, cleanup by visibility version).
        await Server.SetPermissionAsync(alice.Id, "account", canRead: true, canCreate: true, canUpdate: true, canDelete: true);
        Server.Counters.Reset();

        var result = await device.Client.RunAsync(Device.Profile("Modules", action, flag, "account"));

        Assert.True(result.IsSuccess, result + " " + result.Error);
        var byPhase = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (endpoint, count) in Server.Counters.RequestsByEndpoint)
        {
            var phase = PhaseOf(endpoint);
            byPhase[phase] = byPhase.GetValueOrDefault(phase) + count;
        }

        Assert.True(byPhase.GetValueOrDefault("Authentication") > 0, "WhoAmI always runs");
        foreach (var (phase, skipFlag, direction) in OptionalAndCorePhases)
        {
            var runs = DirectionRuns(direction, action)
                && (skipFlag == SyncModules.None || (flag & (skipFlag | SyncModules.OnlyCoreModules)) == 0);
            var requests = byPhase.GetValueOrDefault(phase);
            Assert.True(
                runs ? requests > 0 : requests == 0,
                $"{phase} should {(runs ? "run" : "be skipped")} with {flag} in {action}, and the server saw {requests} request(s) for it: "
                + string.Join(", ", Server.Counters.RequestsByEndpoint.Select(p => p.Key + "=" + p.Value)));
        }
    }

    /// <summary>The phases a profile can switch off (by flag or direction), with the flag that skips them (None: core).</summary>
    private static readonly (string Phase, SyncModules Flag, char Direction)[] OptionalAndCorePhases =
    [
        ("Preparation", SyncModules.NoPreparation, 'a'),
        ("Upload", SyncModules.None, 'u'),
        ("RemoteConflicts", SyncModules.NoRemoteConflicts, 'u'),
        ("EntityDownload", SyncModules.None, 'd'),
        ("SyncDeletes", SyncModules.NoSyncDeletes, 'd'),
        ("SharedRecords", SyncModules.NoSyncShared, 'd'),
        ("EntityImages", SyncModules.NoEntityImages, 'd'),
        ("Attachments", SyncModules.NoAttachments, 'd'),
        ("Documents", SyncModules.NoDocuments, 'd'),
        ("Cleanup", SyncModules.NoCleanup, 'd'),
        ("Exchange", SyncModules.NoExchange, 'd'),
    ];

    private static bool DirectionRuns(char direction, SyncAction action) => direction switch
    {
        'u' => action != SyncAction.DownSync,
        'd' => action != SyncAction.UpSync,
        _ => true,
    };

    /// <summary>Which phase asks the server for an endpoint (docs/protocol.md).</summary>
    private static string PhaseOf(string endpoint) => endpoint switch
    {
        "GET /api/whoami" => "Authentication",
        "GET /odata/$metadata" => "CustomizationCheck",
        "GET /api/permissions" => "Preparation",
        "GET /api/conflicts/resolutions" => "RemoteConflicts",
        "GET /api/deletelog" => "SyncDeletes",
        "GET /api/blobs/images" => "EntityImages",
        "GET /api/blobs/attachments" => "Attachments",
        "GET /api/blobs/documents" => "Documents",
        "GET /api/mail" => "Exchange",
        _ when endpoint.StartsWith("POST /api/conflicts/resolutions/", StringComparison.Ordinal) => "RemoteConflicts",
        _ when endpoint.StartsWith("PATCH /odata/", StringComparison.Ordinal) || endpoint.StartsWith("DELETE /odata/", StringComparison.Ordinal) => "Upload",
        _ when endpoint.StartsWith("GET /odata/", StringComparison.Ordinal) && endpoint.EndsWith("({key})", StringComparison.Ordinal) => "Upload",
        _ when endpoint.StartsWith("GET /odata/", StringComparison.Ordinal) => "EntityDownload",
        _ when endpoint.StartsWith("GET /api/shared/", StringComparison.Ordinal) => "SharedRecords",
        _ when endpoint.StartsWith("GET /api/visiblekeys/", StringComparison.Ordinal) => "Cleanup",
        _ => throw new InvalidOperationException("No phase asks for " + endpoint),
    };
}
