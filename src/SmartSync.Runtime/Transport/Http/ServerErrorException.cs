namespace SmartSync.Transport;

/// <summary>
/// The server refused a request for a reason the other transport exceptions do not cover
/// (for example 403 on reading an entity, or 400 on a malformed request).
/// </summary>
public sealed class ServerErrorException(int statusCode, string message) : SyncTransportException(message)
{
    /// <summary>The HTTP status code the server answered.</summary>
    public int StatusCode { get; } = statusCode;
}
