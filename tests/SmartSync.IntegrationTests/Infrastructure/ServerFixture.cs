using SmartSync.ReferenceServer;
using SmartSync.Tests.Shared;

namespace SmartSync.IntegrationTests.Infrastructure;

/// <summary>One reference server per test class: small seeded data, temporary SQLite file, free loopback port.</summary>
public sealed class ServerFixture : ReferenceServerFixture
{
    protected override CrmServerOptions CreateOptions() => new CrmServerOptions { RowsPerEntity = 150, ReferenceRowsPerEntity = 10, Port = 0 };
}
