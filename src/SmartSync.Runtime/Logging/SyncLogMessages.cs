using System;
using Microsoft.Extensions.Logging;

namespace SmartSync.Logging;

/// <summary>The engine's ILogger messages, generated at compile time (no boxing, no format parsing at run time).</summary>
internal static partial class SyncLogMessages
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "[{Run}] {Line}")]
    public static partial void SyncLogLine(ILogger logger, string run, string line);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "SmartSync '{Profile}' refused: {Reason} ({Detail})")]
    public static partial void RunRefused(ILogger logger, string profile, SyncRefusalReason reason, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Sync '{Run}' failed")]
    public static partial void RunFailed(ILogger logger, string run, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Sync '{Run}' cancelled")]
    public static partial void RunCancelled(ILogger logger, string run);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "Sync request for '{Run}' joined a queued identical request")]
    public static partial void RequestCoalesced(ILogger logger, string run);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Override file '{Path}' rejected: {Count} error(s)")]
    public static partial void OverrideRejected(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Override file '{Path}' loaded: {Count} profile(s)")]
    public static partial void OverrideLoaded(ILogger logger, string path, int count);
}
