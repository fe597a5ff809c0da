namespace SmartSync;

/// <summary>Which direction a profile syncs (SmartSync.xml <c>SyncAction</c>).</summary>
public enum SyncAction
{
    /// <summary>Upload local changes, then download server changes.</summary>
    UpDownSync = 0,

    /// <summary>Upload local changes only.</summary>
    UpSync = 1,

    /// <summary>Download server changes only.</summary>
    DownSync = 2,
}
