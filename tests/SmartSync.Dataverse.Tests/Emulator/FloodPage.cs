using System;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>
/// A broken or hostile environment that ignores <c>Prefer: odata.maxpagesize</c>: instead of the real page of account
/// rows, one well-formed page of <see cref="Rows"/> rows (each with a <c>name</c> of <see cref="NameBytes"/> bytes) that
/// ends with a delta link. Dataverse itself never serves more than 5,000 rows a page.
/// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results
/// </summary>
public sealed class FloodPage(Func<string, bool> matches, int rows, int nameBytes)
{
    private long _written;

    public Func<string, bool> Matches { get; } = matches;

    public int Rows { get; } = rows;

    public int NameBytes { get; } = nameBytes;

    /// <summary>How many bytes of the page the emulator managed to send before the client stopped reading.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>The page's full length, had it been read to the end.</summary>
    public long Length { get; private set; }

    /// <summary>The key of row <paramref name="index"/> of the flood (none of them exists in the emulator's data).</summary>
    public static Guid Key(int index) => new(index, 0x7777, 0x7777, 7, 7, 7, 7, 7, 7, 7, 7);

    internal async Task WriteAsync(HttpContext context, Uri environment)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        var name = new string('n', NameBytes);
        var head = Encoding.UTF8.GetBytes("{\"@odata.context\":\"" + environment + "api/data/v9.2/$metadata#accounts(accountid,name)\",\"value\":[");
        var tail = Encoding.UTF8.GetBytes("],\"@odata.deltaLink\":\"" + environment + "api/data/v9.2/accounts?$select=accountid,name&$deltatoken=999999%2199%2F01%2F2026\"}");
        byte[] Row(int i) => Encoding.UTF8.GetBytes(
            (i > 0 ? "," : string.Empty) + "{\"@odata.etag\":\"W/\\\"1\\\"\",\"accountid\":\"" + Key(i).ToString("D", CultureInfo.InvariantCulture) + "\",\"name\":\"" + name + "\"}");
        Length = head.Length + tail.Length + ((long)Row(1).Length * Rows) - 1;
        var buffer = new System.IO.MemoryStream();
        try
        {
            await Send(head).ConfigureAwait(false);
            for (var i = 0; i < Rows; i++)
            {
                var row = Row(i);
                buffer.Write(row);
                if (buffer.Length >= 64 * 1024)
                {
                    await Send(buffer.ToArray()).ConfigureAwait(false);
                    buffer.SetLength(0);
                }
            }

            await Send(buffer.ToArray()).ConfigureAwait(false);
            await Send(tail).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or InvalidOperationException)
        {
            // The client stopped reading and closed the connection: what a bounded reader does.
        }

        async Task Send(byte[] bytes)
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
            Interlocked.Add(ref _written, bytes.Length);
        }
    }
}
