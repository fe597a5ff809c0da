using System;

namespace SmartSync.Pipeline;

/// <summary>Thrown inside the engine when a precondition refuses the run before anything was written.</summary>
internal sealed class SyncRefusedException(SyncRefusalReason reason, string message) : Exception(message)
{
    public SyncRefusalReason Reason { get; } = reason;
}
