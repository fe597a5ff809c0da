using System;

namespace SmartSync.Pipeline;

/// <summary>Thrown inside the engine when a precondition refuses the run.</summary>
internal sealed class SyncRefusedException(SyncRefusalReason reason, string message) : Exception(message)
{
    public SyncRefusalReason Reason { get; } = reason;

    /// <summary>
    /// The refusal came part-way through the run (earlier phases may have uploaded or downloaded): the run is recorded
    /// with its sync log, unlike a refusal before anything was written.
    /// </summary>
    public bool AfterWrites { get; init; }
}
