using System;
using System.Globalization;

namespace SmartSync.Demo;

/// <summary>The demo's command line: <c>[--rows N] [--smoke] [--server URL --token T [--admin-token A]] [--keep]</c>.</summary>
public sealed record DemoOptions
{
    public const string Usage =
        "Usage: dotnet run --project samples/SmartSync.Demo [-- options]\n" +
        "  --rows N             rows seeded per user-owned entity of the embedded server (30 to 1000000, default 2000)\n" +
        "  --smoke              tiny data set, short waits: what the tests run\n" +
        "  --server URL         use an external SmartSync server instead of the embedded one\n" +
        "  --token T            the bearer token of the user to sync as (with --server)\n" +
        "  --admin-token A      the server's admin token, for the server-side edits (with --server; skipped without it)\n" +
        "  --keep               keep the local SQLite database instead of deleting it at the end\n" +
        "  --help               this text";

    /// <summary>The embedded server splits rows between two users; below this the syncing user owns too few tasks for the demo's edits.</summary>
    public const int MinRows = 30;

    public int Rows { get; init; } = 2000;

    public bool Smoke { get; init; }

    public Uri? Server { get; init; }

    public string? Token { get; init; }

    public string? AdminToken { get; init; }

    public bool Keep { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses the arguments; a mistake is an <see cref="ArgumentException"/> whose message says what is wrong.</summary>
    public static DemoOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DemoOptions();
        var rowsGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--rows":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows is < MinRows or > 1_000_000)
                    {
                        throw new ArgumentException($"--rows takes a whole number from {MinRows} to 1000000, not '{text}'.");
                    }

                    options = options with { Rows = rows };
                    rowsGiven = true;
                    break;
                case "--smoke":
                    options = options with { Smoke = true };
                    break;
                case "--server":
                    var url = Value();
                    if (!Uri.TryCreate(url, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
                    {
                        throw new ArgumentException($"--server takes an http(s) URL, not '{url}'.");
                    }

                    options = options with { Server = server };
                    break;
                case "--token":
                    options = options with { Token = Value() };
                    break;
                case "--admin-token":
                    options = options with { AdminToken = Value() };
                    break;
                case "--keep":
                    options = options with { Keep = true };
                    break;
                case "--help" or "-h" or "-?":
                    options = options with { Help = true };
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.Server is not null && string.IsNullOrEmpty(options.Token))
        {
            throw new ArgumentException("--server needs --token (the bearer token of the user to sync as).");
        }

        if (options.Server is null && (options.Token is not null || options.AdminToken is not null))
        {
            throw new ArgumentException("--token and --admin-token go with --server.");
        }

        return options.Smoke && !rowsGiven ? options with { Rows = 40 } : options;
    }
}
