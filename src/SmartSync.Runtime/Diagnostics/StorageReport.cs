using System;
using System.Collections.Generic;
using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>The storage analyzer's report (docs/runtime.md): what the device holds per entity, and the trade-offs behind it.</summary>
/// <param name="Entities">One row per local entity table, by name.</param>
/// <param name="CleanupDebt">Runs since cleanup last ran.</param>
/// <param name="CleanupDebtLimit">Skips after which cleanup is forced.</param>
/// <param name="GeneratedAt">When the report was made.</param>
public sealed record StorageReport(IReadOnlyList<EntityStorageInfo> Entities, long CleanupDebt, int CleanupDebtLimit, DateTimeOffset GeneratedAt)
{
    /// <summary>The engine's own tables (outbox, history, log, blobs, mail, ...), so their growth is visible too.</summary>
    public IReadOnlyList<EngineTableInfo> EngineTables { get; init; } = [];
}

/// <summary>One of the engine's tables in the <see cref="StorageReport"/>.</summary>
/// <param name="Table">The table's name (<c>__ss_</c>...).</param>
/// <param name="Rows">Its rows.</param>
/// <param name="ApproximateBytes">The summed size of its values in bytes, without index and page overhead.</param>
public sealed record EngineTableInfo(string Table, long Rows, long ApproximateBytes);

/// <summary>One entity in the <see cref="StorageReport"/>.</summary>
/// <param name="Entity">The entity's logical name.</param>
/// <param name="Rows">Local rows (including local changes not uploaded yet).</param>
/// <param name="ApproximateBytes">The summed size of the stored values in bytes (text as UTF-8): a close estimate of the payload, without index and page overhead.</param>
/// <param name="LastDownload">When a download of it last caught up, if ever.</param>
/// <param name="Freshness">How long ago that was, at <see cref="StorageReport.GeneratedAt"/>.</param>
/// <param name="Profiles">Profiles of the client's catalog whose effective entity set includes it.</param>
/// <param name="Exclusion">The exclusion list it is on (global or auto), if any.</param>
/// <param name="ExclusionReason">Why it is on that list.</param>
public sealed record EntityStorageInfo(
    string Entity,
    long Rows,
    long ApproximateBytes,
    DateTimeOffset? LastDownload,
    TimeSpan? Freshness,
    IReadOnlyList<string> Profiles,
    ExclusionList? Exclusion,
    string? ExclusionReason);
