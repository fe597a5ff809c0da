namespace SmartSync;

/// <summary>Where a run is: reported through <see cref="System.IProgress{T}"/>.</summary>
/// <param name="Phase">The phase running, e.g. <c>EntityDownload</c>.</param>
/// <param name="Entity">The entity the phase works on, when it works per entity.</param>
/// <param name="Items">Items the phase processed so far (for the entity, when set).</param>
/// <param name="PhaseIndex">The phase's position in the pipeline, from 0.</param>
/// <param name="PhaseCount">How many phases the pipeline has.</param>
public sealed record SyncProgress(string Phase, string? Entity, int Items, int PhaseIndex, int PhaseCount);
