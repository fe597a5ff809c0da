namespace SmartSync;

/// <summary>Why a SmartSync did not start (the preconditions in docs/runtime.md).</summary>
public enum SyncRefusalReason
{
    None = 0,

    /// <summary>The client's options do not allow SmartSync.</summary>
    NotAllowed,

    /// <summary>Unresolved sync errors (for example Manual upload conflicts) must be resolved first.</summary>
    UnresolvedSyncErrors,

    /// <summary>The server requires the user to sign in again.</summary>
    AuthorizationRequired,

    /// <summary>Too many recent connection failures: the circuit breaker is open.</summary>
    TooManyConnectionFailures,

    /// <summary>A full sync is required (customization changed, admin-forced, or no full sync yet).</summary>
    FullSyncRequired,

    /// <summary>The local schema or the app is out of date: the app must be updated.</summary>
    AppUpdateRequired,

    /// <summary>SyncMethod Incremental was asked but an entity needs a full download.</summary>
    IncrementalNotPossible,
}
