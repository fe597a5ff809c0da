using System;
using System.Collections.Generic;
using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>The outcome of one sync run, with what it did per phase and per entity.</summary>
public sealed class SyncResult
{
    /// <summary>The profile that ran, or null for a full sync.</summary>
    public string? ProfileName { get; init; }

    public SyncOutcome Outcome { get; init; }

    /// <summary>Why the run was refused, when <see cref="Outcome"/> is <see cref="SyncOutcome.Refused"/>.</summary>
    public SyncRefusalReason RefusalReason { get; init; }

    /// <summary>A human-readable explanation of a refusal or failure.</summary>
    public string? Message { get; init; }

    /// <summary>The failure, when <see cref="Outcome"/> is <see cref="SyncOutcome.Failed"/>.</summary>
    public Exception? Error { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public TimeSpan Duration { get; init; }

    public IReadOnlyList<PhaseResult> Phases { get; init; } = [];

    public IReadOnlyList<EntitySyncResult> Entities { get; init; } = [];

    /// <summary>Entities an exclusion list removed from the run, with the list and reason.</summary>
    public IReadOnlyList<PrunedEntity> Pruned { get; init; } = [];

    public bool IsSuccess => Outcome == SyncOutcome.Completed;

    public override string ToString() => Outcome == SyncOutcome.Refused
        ? $"{ProfileName ?? "FullSync"}: Refused ({RefusalReason})"
        : $"{ProfileName ?? "FullSync"}: {Outcome} in {Duration.TotalMilliseconds:F0} ms";
}

/// <summary>What one phase (module) did.</summary>
/// <param name="Phase">The phase's name, e.g. <c>EntityDownload</c>.</param>
/// <param name="Skipped">Whether the profile skipped it.</param>
/// <param name="Items">Items the phase processed (records, blobs, messages).</param>
/// <param name="Duration">Time spent.</param>
public sealed record PhaseResult(string Phase, bool Skipped, int Items, TimeSpan Duration);

/// <summary>What a run did to one entity.</summary>
public sealed record EntitySyncResult(string Entity, int Uploaded, int Downloaded, int Deleted, bool FullDownload, TimeSpan Duration);
