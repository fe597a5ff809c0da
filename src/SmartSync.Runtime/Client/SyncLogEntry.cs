using System.Collections.Generic;

namespace SmartSync;

/// <summary>The persisted human-readable log of one run.</summary>
/// <param name="RunId">The run's id in the history.</param>
/// <param name="ProfileName">The profile, or null for a full sync.</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Lines">The log lines in order: header block, SmartSync marker, phase lines, summary.</param>
public sealed record SyncLogEntry(long RunId, string? ProfileName, SyncOutcome Outcome, IReadOnlyList<string> Lines);
