namespace SmartSync.Transport;

/// <summary>
/// Receives records while a page is being read, so a page is applied as it arrives instead of
/// being materialised first. Calls are synchronous and sequential for one page.
/// </summary>
public interface IRecordSink
{
    /// <summary>A record was created or changed. <paramref name="record"/> is reused: copy what you keep.</summary>
    void Upsert(RecordValues record);

    /// <summary>A record was removed or is no longer visible to the user.</summary>
    void Remove(string key);
}
