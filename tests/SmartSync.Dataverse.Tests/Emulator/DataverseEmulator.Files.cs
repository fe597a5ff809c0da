using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Dataverse.Tests.Emulator;

// File content of notes and attachments: the raw value of documentbody / body, base64 text as the Web API serves it.
public sealed partial class DataverseEmulator
{
    /// <summary>
    /// <c>GET &lt;set&gt;(&lt;id&gt;)/&lt;column&gt;/$value</c>: the raw value of one column. For a note's documentbody or an
    /// attachment's body that is the file as a base64 string, <c>Content-Type: text/plain</c>, without size, name or
    /// type; a null value answers 204. The emulator keeps the file as bytes and encodes it as it writes (a 128 MB file
    /// is never one string here either).
    /// https://learn.microsoft.com/power-apps/developer/data-platform/attachment-annotation-files (download in a single operation)
    /// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/retrieve-entity-using-web-api (retrieve the raw value of a property)
    /// </summary>
    private EmulatorResponse RawValue(EmulatorUser user, EmulatorTable table, Guid key, string column)
    {
        var row = Store.Find(table, key);
        if (row is null || !CanSee(user, table, row))
        {
            return new EmulatorResponse(404, EmulatorJson.Error("0x80040217", $"{table.LogicalName} With Id = {key} Does Not Exist"));
        }

        if (table.Column(column) is null)
        {
            return new EmulatorResponse(400, EmulatorJson.Error("0x80060888", $"Could not find a property named '{column}' on type 'Microsoft.Dynamics.CRM.{table.LogicalName}'."));
        }

        switch (row.Values.GetValueOrDefault(column))
        {
            case null:
                return new EmulatorResponse(204);
            case byte[] file:
                RawValueReads++;
                return new EmulatorResponse(200)
                {
                    Streamed = ("text/plain", ((file.LongLength + 2) / 3) * 4, (body, aborted) => WriteBase64Async(file, body, aborted)),
                };
            case var value:
                var text = Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                return new EmulatorResponse(200, text, "text/plain");
        }
    }

    /// <summary>How many file bodies were served through <c>$value</c>.</summary>
    public int RawValueReads { get; private set; }

    private static async Task WriteBase64Async(byte[] file, Stream body, CancellationToken aborted)
    {
        const int Chunk = 48 * 1024; // a multiple of 3: every chunk encodes without padding but the last
        var buffer = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(Chunk));
        try
        {
            for (var offset = 0; offset < file.Length; offset += Chunk)
            {
                var length = Math.Min(Chunk, file.Length - offset);
                Base64.EncodeToUtf8(file.AsSpan(offset, length), buffer, out _, out var written);
                await body.WriteAsync(buffer.AsMemory(0, written), aborted).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
