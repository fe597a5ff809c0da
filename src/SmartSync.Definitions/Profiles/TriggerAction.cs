namespace SmartSync;

/// <summary>What starts a profile (SmartSync.xml <c>Trigger/@Action</c>).</summary>
public enum TriggerAction
{
    /// <summary>Once, <c>Delay</c> seconds after the client starts.</summary>
    AppStart = 0,

    /// <summary>After local changes, debounced by <c>Delay</c> seconds.</summary>
    RecordChange = 1,

    /// <summary>Every <c>Delay</c> seconds.</summary>
    PeriodicSync = 2,
}
