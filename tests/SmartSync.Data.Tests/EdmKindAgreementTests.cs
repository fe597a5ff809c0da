using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Crm;
using SmartSync.Data.Tests.Infrastructure;

namespace SmartSync.Data.Tests;

/// <summary>
/// The untyped API and the generated record types share one EDM → CLR mapping (SmartSync.Definitions' EdmTypes.ClrKindOf):
/// what one stores, the other reads.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class EdmKindAgreementTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_untyped_API_refuses_a_value_an_Edm_Int32_column_cannot_hold_so_typed_reads_of_the_table_keep_working()
    {
        await using var device = await Device.SyncedAsync(fixture.Server);
        var marker = "kinds-" + Guid.NewGuid().ToString("N");
        var key = Guid.NewGuid().ToString("D");
        var pending = await device.Records.CountPendingChangesAsync();

        // task.prioritycode is an Edm.Int32: the generated TaskRecord reads it as int.
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => device.Records.UpsertAsync(
            "task",
            key,
            new Dictionary<string, object?> { ["subject"] = marker, ["prioritycode"] = 5_000_000_000L }));

        Assert.Contains("prioritycode", refused.Message, StringComparison.Ordinal);
        Assert.Null(await device.Records.GetAsync("task", key));
        Assert.Equal(pending, await device.Records.CountPendingChangesAsync());
        Assert.Empty(await device.Records.Query(TaskRecord.Table).Where(t => t.Subject == marker).ToListAsync());

        // In range, the row the untyped API stored is the row the typed record reads.
        await device.Records.UpsertAsync("task", key, new Dictionary<string, object?> { ["subject"] = marker, ["prioritycode"] = 2_000_000_000L });
        var typed = Assert.Single(await device.Records.Query(TaskRecord.Table).Where(t => t.Subject == marker).ToListAsync());
        Assert.Equal(2_000_000_000, typed.Prioritycode);
    }
}
