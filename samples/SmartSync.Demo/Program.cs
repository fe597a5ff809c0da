using System;
using System.Threading;
using SmartSync.Demo;
using Spectre.Console;

// dotnet run --project samples/SmartSync.Demo [-- --rows N | --smoke | --server URL --token T [--admin-token A] | --keep]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

// A terminal gets live progress bars; redirected output (CI, pipes) gets plain lines.
var live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
var console = live ? AnsiConsole.Console : DemoApp.PlainConsole(Console.Out);
return await DemoApp.MainAsync(args, console, live, Console.Error, cancel.Token);
