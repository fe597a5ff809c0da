using Xunit;

namespace SmartSync.Runtime.Tests;

/// <summary>Tests that read or replace the process-wide <see cref="SmartSyncCatalog.Current"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CatalogCollection
{
    public const string Name = "Catalog";
}
