using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>An answer built under the emulator's lock and written after it is released.</summary>
internal sealed class EmulatorResponse(int status, byte[]? body = null, string contentType = "application/json; odata.metadata=minimal")
{
    public int Status { get; } = status;

    public Dictionary<string, string> Headers { get; } = [];

    /// <summary>A body written as it is produced (large file content), with its length when known.</summary>
    public (string ContentType, long? Length, System.Func<System.IO.Stream, System.Threading.CancellationToken, Task> Write)? Streamed { get; init; }

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        context.Response.Headers["OData-Version"] = "4.0";
        foreach (var (name, value) in Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (Streamed is { } streamed)
        {
            context.Response.ContentType = streamed.ContentType;
            context.Response.ContentLength = streamed.Length;
            await streamed.Write(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (body is { Length: > 0 })
        {
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
