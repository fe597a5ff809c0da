using System;
using System.Collections.Generic;

namespace SmartSync.AotClient;

/// <summary>The client's few options, parsed by hand (no reflection-based parser in an AOT binary).</summary>
internal sealed record CommandLine(bool ListOnly, Uri? Server, string? Token, string DatabasePath, IReadOnlyList<string> Profiles, int PageSize)
{
    /// <summary>Null when the arguments are not usable (the caller prints the usage).</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args)
    {
        var list = false;
        Uri? server = null;
        string? token = null;
        var database = "smartsync-aot-client.db";
        var profiles = new List<string>();
        var pageSize = 1000; // SmartSyncClientOptions.PageSize's default
        for (var i = 0; i < args.Count; i++)
        {
            var hasValue = i + 1 < args.Count;
            switch (args[i])
            {
                case "--list":
                    list = true;
                    break;
                case "--server" when hasValue && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var uri):
                    server = uri;
                    i++;
                    break;
                case "--token" when hasValue:
                    token = args[++i];
                    break;
                case "--db" when hasValue:
                    database = args[++i];
                    break;
                case "--page-size" when hasValue && int.TryParse(args[i + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0:
                    pageSize = size;
                    i++;
                    break;
                case "--profile" when hasValue:
                    profiles.Add(args[++i]);
                    break;
                default:
                    return null;
            }
        }

        if (!list && (server is null || string.IsNullOrEmpty(token)))
        {
            return null;
        }

        return new CommandLine(list, server, token, database, profiles, pageSize);
    }
}
