using System;
using Microsoft.Extensions.Logging;

namespace SmartSync.Transport.Dataverse;

/// <summary>The Dataverse transport's log messages (source-generated; never carry the token or record data).</summary>
internal static partial class DataverseLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status}")]
    public static partial void Response(ILogger logger, string method, string path, int status);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Dataverse service protection limit on {Path}: every request pauses for {Delay} (throttle {Attempt})")]
    public static partial void Throttled(ILogger logger, string path, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "401 on {Path}: asking the token provider for a fresh token")]
    public static partial void TokenRefresh(ILogger logger, string path);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Table {Entity} has no change tracking: downloading it in full (deletions are found by the cleanup key walk)")]
    public static partial void NoChangeTracking(ILogger logger, string entity);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "The Dataverse environment at {Host} could not be reached: {Reason}")]
    public static partial void Unreachable(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Debug, Message = "Read page of {Entity}: {Upserts} changed, {Removes} deleted, more: {HasMore}")]
    public static partial void PageRead(ILogger logger, string entity, int upserts, int removes, bool hasMore);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Debug, Message = "Dataverse transport for {Host} disposed")]
    public static partial void Disposed(ILogger logger, string host);
}
