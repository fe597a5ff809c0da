using System;
using System.Collections.Generic;

namespace SmartSync.Pipeline;

/// <summary>Fans progress out to every caller waiting on the run (coalesced requests share one run).</summary>
internal sealed class ProgressReporter
{
    private readonly IReadOnlyList<IProgress<SyncProgress>> _targets;

    public ProgressReporter(IReadOnlyList<IProgress<SyncProgress>> targets)
    {
        _targets = targets;
    }

    public string Phase { get; set; } = string.Empty;

    public int PhaseIndex { get; set; }

    public int PhaseCount { get; set; }

    public void Report(string? entity, int items)
    {
        if (_targets.Count == 0)
        {
            return;
        }

        var progress = new SyncProgress(Phase, entity, items, PhaseIndex, PhaseCount);
        foreach (var target in _targets)
        {
            target.Report(progress);
        }
    }
}
