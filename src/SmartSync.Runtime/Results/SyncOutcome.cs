namespace SmartSync;

/// <summary>How a sync run ended.</summary>
public enum SyncOutcome
{
    Completed = 0,
    Refused = 1,
    Failed = 2,
    Cancelled = 3,
}
