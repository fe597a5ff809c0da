namespace SmartSync;

/// <summary>When the runtime puts an entity on the auto exclusion list (docs/smartsync-xml.md, exclusion lists).</summary>
public sealed class AutoExclusionOptions
{
    /// <summary>Whether the runtime maintains the list at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An entity qualifies only with at most this many local rows.</summary>
    public int MaxLocalRows { get; set; } = 100;

    /// <summary>...and when this many most recent downloads of it brought no change.</summary>
    public int QuietDownloads { get; set; } = 3;
}
