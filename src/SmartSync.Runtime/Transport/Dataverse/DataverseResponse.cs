using System;
using System.Net.Http;

namespace SmartSync.Transport.Dataverse;

/// <summary>A response and the concurrency slot it occupies until its body is read.</summary>
internal sealed class DataverseResponse(HttpResponseMessage message, IDisposable slot) : IDisposable
{
    public HttpResponseMessage Message { get; } = message;

    public void Dispose()
    {
        Message.Dispose();
        slot.Dispose();
    }
}
