using System;
using Microsoft.Extensions.Logging;

namespace SmartSync.Transport.Http;

/// <summary>The transport's log messages (source-generated; never carry tokens or record data).</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Retrying {Path} after {Reason} in {Delay} (attempt {Attempt})")]
    public static partial void Retrying(ILogger logger, string path, string reason, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status}")]
    public static partial void Response(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "The server at {Host} could not be reached: {Reason}")]
    public static partial void Unreachable(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "Read page of {Entity}: {Upserts} changed, {Removes} removed, more: {HasMore}")]
    public static partial void PageRead(ILogger logger, string entity, int upserts, int removes, bool hasMore);
}
