namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// Tests that measure the whole process (allocated bytes) run with no other test class in parallel: xUnit runs a
/// collection with parallelization disabled on its own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
