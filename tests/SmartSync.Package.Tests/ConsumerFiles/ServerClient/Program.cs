// The device side of the server package test: the SmartSync runtime from the local feed syncs with the
// `dotnet new web` app (args: the app's /sync/ address, a bearer token, a database path). It makes one record on
// the device, runs a full sync before and after, and prints what it holds.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using SmartSync;
using SmartSync.Transport.Http;

var server = new Uri(args[0]);
var token = args[1];
using var http = new HttpClient();
var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
{
    BaseAddress = server,
    AccessTokenProvider = _ => ValueTask.FromResult<string?>(token),
    DeviceId = "package-test-phone",
});
await using var client = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = args[2], Transport = transport });

var first = await client.RunFullSyncAsync();
Console.WriteLine("first: " + (first.IsSuccess ? "ok" : first.Message + " " + first.Error));
var made = Guid.NewGuid().ToString("D");
await client.Records.UpsertAsync("account", made, new Dictionary<string, object?> { ["name"] = "made on the device" });
Console.WriteLine("made: " + made);
var second = await client.RunFullSyncAsync();
Console.WriteLine("second: " + (second.IsSuccess ? "ok" : second.Message + " " + second.Error));
foreach (var record in await client.Records.QueryAsync("account"))
{
    Console.WriteLine("local: " + record.Key + " pending=" + record.HasPendingChanges);
}
