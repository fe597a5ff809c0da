using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>
/// A broken or hostile environment: instead of the real answer, a body of <see cref="Length"/> bytes that starts
/// like a plausible document (<see cref="Prefix"/>) and never ends it.
/// </summary>
public sealed class OversizedBody(Func<string, bool> matches, int status, string prefix, string contentType = "application/json", long length = 64L * 1024 * 1024)
{
    private int _served;

    public Func<string, bool> Matches { get; } = matches;

    public int Status { get; } = status;

    public string Prefix { get; } = prefix;

    public string ContentType { get; } = contentType;

    public long Length { get; } = length;

    /// <summary>Whether <c>Content-Length</c> announces the size (otherwise the body is chunked and only reading finds out).</summary>
    public bool Announced { get; init; } = true;

    /// <summary>How many answers were sent this way.</summary>
    public int Served => _served;

    internal async Task WriteAsync(HttpContext context)
    {
        Interlocked.Increment(ref _served);
        context.Response.StatusCode = Status;
        context.Response.ContentType = ContentType;
        if (Announced)
        {
            context.Response.ContentLength = Length;
        }

        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            var written = (long)Encoding.UTF8.GetByteCount(Prefix);
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Prefix), context.RequestAborted).ConfigureAwait(false);
            while (written < Length && !context.RequestAborted.IsCancellationRequested)
            {
                var size = (int)Math.Min(chunk.Length, Length - written);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted).ConfigureAwait(false);
                written += size;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            // The client stopped reading and closed the connection: exactly what a bounded reader does.
        }
    }
}
