using SmartSync.ReferenceServer;
using SmartSync.Tests.Shared;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// One reference server per test class. Few rows in most entities and a few bigger ones, so a small page
/// size gives several pages (and page boundaries) per entity while a full sync stays quick.
/// </summary>
public sealed class ServerFixture : ReferenceServerFixture
{
    protected override CrmServerOptions CreateOptions()
    {
        var options = new CrmServerOptions { RowsPerEntity = 6, ReferenceRowsPerEntity = 3, Port = 0 };
        options.RowCounts["account"] = 45;  // 15 owned per user: 3 pages of 7 (7, 7, 1)
        options.RowCounts["contact"] = 42;  // 14 owned per user: 2 full pages, so the delta link arrives on an empty third page
        options.RowCounts["task"] = 30;
        return options;
    }
}
