using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Pipeline;

/// <summary>Which way of a sync a phase serves; a phase of the other way does nothing in a one-way profile.</summary>
internal enum PhaseDirection
{
    Any = 0,
    Upload = 1,
    Download = 2,
}

/// <summary>One module of the sync pipeline (docs/runtime.md lists them in order).</summary>
internal interface ISyncPhase
{
    /// <summary>The phase's name in results, progress and the log.</summary>
    string Name { get; }

    /// <summary>The <see cref="SyncModules"/> flag that skips it; <see cref="SyncModules.None"/> for core phases.</summary>
    SyncModules SkipFlag { get; }

    /// <summary>Authentication and the customization check run in every run.</summary>
    bool AlwaysRuns { get; }

    PhaseDirection Direction { get; }

    /// <summary>Runs the phase; returns how many items it processed.</summary>
    Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken);
}
