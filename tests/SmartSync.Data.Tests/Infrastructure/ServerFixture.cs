using SmartSync.ReferenceServer;
using SmartSync.Tests.Shared;

namespace SmartSync.Data.Tests.Infrastructure;

/// <summary>One reference server shared by the data-access tests.</summary>
public sealed class ServerFixture : ReferenceServerFixture
{
    protected override CrmServerOptions CreateOptions() => new CrmServerOptions { RowsPerEntity = 40, ReferenceRowsPerEntity = 5, Port = 0 };
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "reference server";
}
