namespace SmartSync.Preconditions;

/// <summary>A precondition that failed: the reason and a message for the result.</summary>
internal readonly record struct Refusal(SyncRefusalReason Reason, string Message);
