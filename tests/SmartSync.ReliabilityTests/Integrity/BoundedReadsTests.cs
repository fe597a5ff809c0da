using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using SmartSync.ReliabilityTests.Infrastructure;
using SmartSync.ReferenceServer;
using SmartSync.Transport;

namespace SmartSync.ReliabilityTests.Integrity;

/// <summary>
/// Every read of a response body is capped: an error body is read only up to its 4 KB limit, and <c>$metadata</c>,
/// conflict resolutions and the other whole documents up to <c>MaxDocumentBytes</c>, so a hostile or broken server
/// cannot make the device hold an unbounded body. The bodies are generated lazily; the test counts what was pulled.
/// </summary>
public sealed class BoundedReadsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const long Huge = 50L * 1024 * 1024;

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task A_huge_error_body_is_read_only_up_to_the_error_limit()
    {
        var alice = Server.User("alice");
        await using var device = new Device(Server, alice.Token);
        await device.FullSyncAsync();
        await device.Client.Records.UpsertAsync("account", Server.OwnedKeys("account", alice.Id)[0], new Dictionary<string, object?> { ["name"] = "refused" });
        var body = new GeneratedBodyStream("{\"error\":{\"code\":\"Huge\",\"message\":\"", (byte)'a', Huge, "\"}}");
        device.Handler.Plan = r => r.IsUpload ? new Fault.StatusBody(400, () => body) : null;

        var result = await device.Client.RunAsync(Device.Profile("Up", SyncAction.UpSync, SyncModules.None, "account"));

        Assert.True(result.IsSuccess, result + " " + result.Error);
        Assert.Equal(SyncErrorKind.Rejected, Assert.Single(await device.Client.Records.GetSyncErrorsAsync()).Kind);
        Assert.True(body.Served <= 64 * 1024, $"{body.Served:N0} bytes of a {Huge:N0}-byte error body were read");
    }

    [Theory]
    [InlineData("odata/$metadata")]
    [InlineData("api/conflicts/resolutions")]
    [InlineData("api/whoami")]
    public async Task A_whole_document_larger_than_the_cap_fails_the_run_without_being_read_to_its_end(string path)
    {
        var bob = Server.User("bob");
        await using var device = new Device(Server, bob.Token, new DeviceOptions { MaxDocumentBytes = 1024 * 1024 });
        var body = path.EndsWith("$metadata", StringComparison.Ordinal)
            ? new GeneratedBodyStream("<?xml version=\"1.0\"?><edmx:Edmx><!--", (byte)'x', Huge, "--></edmx:Edmx>")
            : new GeneratedBodyStream("{\"value\":[],\"padding\":\"", (byte)'x', Huge, "\"}");
        device.Handler.Plan = r => r.Path == "/" + path ? new Fault.Body(() => body) : null;

        var result = await device.Client.RunFullSyncAsync();

        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        var error = Assert.IsType<SyncPayloadException>(result.Error);
        Assert.Contains("1048576 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(body.Served <= 2 * 1024 * 1024, $"{body.Served:N0} bytes of a {Huge:N0}-byte document were read");
    }
}
