namespace SmartSync;

/// <summary>Turns profiles into MVVM commands: <c>public ICommand SyncTasks { get; } = Profiles.GetTasks.ToCommand();</c></summary>
public static class SmartSyncCommandExtensions
{
    /// <summary>A command that runs <paramref name="profile"/> on <paramref name="client"/> (or <see cref="SmartSyncClient.Default"/>).</summary>
    /// <remarks>Create it on the UI thread: its events are raised on the synchronization context current at creation.</remarks>
    public static SmartSyncCommand ToCommand(this SmartSyncProfile profile, ISmartSyncClient? client = null) => new(profile, client);
}
