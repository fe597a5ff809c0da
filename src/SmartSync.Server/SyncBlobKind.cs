namespace SmartSync.Server;

/// <summary>The blob feeds of the protocol (<c>/api/blobs/{images|attachments|documents}</c>).</summary>
public enum SyncBlobKind
{
    Image = 0,
    Attachment = 1,
    Document = 2,
}
