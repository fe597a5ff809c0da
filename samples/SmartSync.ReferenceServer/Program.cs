using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SmartSync.ReferenceServer;

// dotnet run --project samples/SmartSync.ReferenceServer -- --urls http://127.0.0.1:5080 [--db crm.db] [--rows 1000] [--csdl path] [--seed 42] [--admin-token t]
// The default database lives next to the binaries (under bin/, never in the source tree) and survives restarts.
var printTokens = false;
var options = new CrmServerOptions { Urls = "http://127.0.0.1:5080", DatabasePath = System.IO.Path.Combine(AppContext.BaseDirectory, "smartsync-server.db") };
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--urls": options.Urls = Value(); break;
        case "--db": options.DatabasePath = Value(); break;
        case "--temp-db": options.DatabasePath = null; break;
        case "--rows": options.RowsPerEntity = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--reference-rows": options.ReferenceRowsPerEntity = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--users": options.UserCount = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--csdl": options.CsdlPath = Value(); break;
        case "--seed": options.Seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--admin-token": options.AdminToken = Value(); break;
        case "--postgres": options.PostgresConnectionString = Value(); break;
        case "--print-tokens": printTokens = true; break;
        case "--log": options.ConfigureLogging = logging => logging.AddSimpleConsole(); break;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --urls --db --temp-db --rows --reference-rows --users --csdl --seed --admin-token --postgres --print-tokens --log");
            return 2;
    }
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// Service managers and scripts stop the server with SIGTERM (background jobs may ignore SIGINT).
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var server = await CrmServer.StartAsync(options, stop.Token);
Console.WriteLine($"SmartSync reference server listening on {server.BaseAddress} (database: {options.DatabasePath ?? "temporary"})");
Console.WriteLine($"Customization version: {server.CustomizationVersion}");
// Development tokens are secrets: shown only on request (--print-tokens), never logged.
Console.WriteLine(printTokens ? "Users (development bearer tokens):" : "Users (add --print-tokens to show their development bearer tokens):");
foreach (var user in server.Users)
{
    Console.WriteLine(printTokens ? $"  {user.Name,-8} id={user.Id}  token={user.Token}" : $"  {user.Name,-8} id={user.Id}");
}

if (printTokens)
{
    Console.WriteLine($"Admin token: {server.AdminToken}");
}
Console.WriteLine("Press Ctrl+C (or send SIGTERM) to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C: dispose stops Kestrel.
}

return 0;
