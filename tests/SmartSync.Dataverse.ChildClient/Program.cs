using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using SmartSync;
using SmartSync.Transport.Dataverse;

// dotnet SmartSync.Dataverse.ChildClient.dll <environment url> <token> <database> <page size>
// One full sync against a Dataverse environment (the tests' emulator); the test kills this process mid-download.
if (args.Length != 4 || !Uri.TryCreate(args[0], UriKind.Absolute, out var environment) || !int.TryParse(args[3], out var pageSize) || pageSize < 1)
{
    Console.Error.WriteLine("usage: SmartSync.Dataverse.ChildClient <environment url> <token> <database> <page size>");
    return 2;
}

var token = args[1];
using var http = new HttpClient();
using var transport = new DataverseSyncTransport(http, new DataverseTransportOptions
{
    EnvironmentUrl = environment,
    AccessTokenProvider = _ => ValueTask.FromResult<string?>(token),
});
await using var client = new SmartSyncClient(new SmartSyncClientOptions
{
    DatabasePath = Path.GetFullPath(args[2]),
    Transport = transport,
    PageSize = pageSize,
});

var result = await client.RunFullSyncAsync();
Console.WriteLine($"full sync: {result.Outcome} {result.Message}");
return result.IsSuccess ? 0 : 1;
