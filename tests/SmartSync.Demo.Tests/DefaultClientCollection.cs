using Xunit;

namespace SmartSync.Demo.Tests;

/// <summary>Tests that set the process-wide <see cref="SmartSyncClient.Default"/> run one after the other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultClientCollection
{
    public const string Name = "Default client";
}
