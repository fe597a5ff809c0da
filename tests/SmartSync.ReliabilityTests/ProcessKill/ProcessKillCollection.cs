namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>The process-kill tests share one big server and run one after another (they read its global counters).</summary>
[CollectionDefinition(nameof(ProcessKillCollection))]
public sealed class ProcessKillCollection : ICollectionFixture<ProcessKillServerFixture>;
