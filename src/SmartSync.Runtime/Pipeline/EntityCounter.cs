using System;

namespace SmartSync.Pipeline;

/// <summary>What a run did to one entity so far.</summary>
internal sealed class EntityCounter(string entity)
{
    public string Entity { get; } = entity;

    public int Uploaded { get; set; }

    public int Downloaded { get; set; }

    public int Deleted { get; set; }

    /// <summary>Rows that really changed in the download (new or with a new ETag).</summary>
    public int Changes { get; set; }

    public bool Downloads { get; set; }

    public bool FullDownload { get; set; }

    /// <summary>
    /// The entity downloaded from scratch into a table without synced rows, so every synced row came from this
    /// run's download and none can be stale: its cleanup has nothing to compare.
    /// </summary>
    public bool StartedEmpty { get; set; }

    public TimeSpan Duration { get; set; }

    public EntitySyncResult ToResult() => new(Entity, Uploaded, Downloaded, Deleted, FullDownload, Duration);
}
