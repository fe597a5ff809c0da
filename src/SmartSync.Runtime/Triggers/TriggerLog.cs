using Microsoft.Extensions.Logging;

namespace SmartSync.Triggers;

internal static partial class TriggerLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Trigger {Action} starts profile {Profile}")]
    public static partial void Firing(ILogger logger, TriggerAction action, string profile);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Trigger {Action} of profile {Profile} was refused ({Reason}): {Message}; it waits for its next turn")]
    public static partial void Refused(ILogger logger, TriggerAction action, string profile, SyncRefusalReason reason, string? message);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Periodic trigger of profile {Profile} skipped: a run is already queued or running")]
    public static partial void SkippedPending(ILogger logger, string profile);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Trigger {Action} of profile {Profile} ended with {Outcome}: {Message}")]
    public static partial void Unsuccessful(ILogger logger, TriggerAction action, string profile, SyncOutcome outcome, string? message);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Trigger launches profile {Profile}, which is not in the catalog; it is ignored")]
    public static partial void UnknownProfile(ILogger logger, string profile);
}
