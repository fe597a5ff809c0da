using System.Threading.Tasks;
using SmartSync;

namespace SmartSync.Broken;

/// <summary>Some code for the project to compile; the errors are in SmartSync.xml.</summary>
public static class Syncs
{
    public static Task<SyncResult> RunTasks(SmartSyncClient client) => client.RunAsync("GetTasks");
}
