namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>Tests that measure the whole process (allocated bytes) run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(AloneCollection), DisableParallelization = true)]
public sealed class AloneCollection;
