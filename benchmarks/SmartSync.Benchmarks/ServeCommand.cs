using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using SmartSync.Benchmarks.Harness;

namespace SmartSync.Benchmarks;

/// <summary>
/// The reference server in its own process for the memory scenario: seeds N tasks for one user, prints
/// <c>READY &lt;address&gt; &lt;token&gt; &lt;start ms&gt;</c>, and stops when standard input closes.
/// </summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var taskRows = 0;
        string? scratch = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--task-rows": taskRows = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--scratch": scratch = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'.");
                    return 2;
            }
        }

        if (scratch is null)
        {
            Console.Error.WriteLine("--scratch is required.");
            return 2;
        }

        var (server, startTime) = await ServerSetup.StartAsync(ServerSetup.Only(scratch, new Dictionary<string, int> { ["task"] = taskRows }), default);
        await using (server)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"READY {server.BaseAddress} {ServerSetup.Token(server)} {startTime.TotalMilliseconds:F0}"));
            Console.Out.Flush();

            // The parent closes our standard input when it is done (or dies).
            while (await Console.In.ReadLineAsync() is not null)
            {
            }
        }

        return 0;
    }
}
