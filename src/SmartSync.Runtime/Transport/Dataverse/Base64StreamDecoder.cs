using System;
using System.Buffers;
using System.Buffers.Text;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// Decodes base64 text as it streams in and writes the bytes out chunk by chunk: a file of 128 MB (170 MB of text)
/// passes through two pooled buffers, never held whole. Line breaks, spaces and surrounding quotes are ignored.
/// </summary>
internal static class Base64StreamDecoder
{
    private const int InputBytes = 64 * 1024;

    /// <summary>Copies the decoded content of <paramref name="source"/> to <paramref name="destination"/>; returns its length.</summary>
    public static async Task<long> CopyAsync(Stream source, Stream destination, long maxBytes, string scope, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(InputBytes);
        var output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(InputBytes));
        try
        {
            var carry = 0; // undecoded characters (less than one 4-character group) kept from the previous read
            long total = 0;
            while (true)
            {
                int read;
                try
                {
                    read = await source.ReadAsync(input.AsMemory(carry, InputBytes - carry), cancellationToken).ConfigureAwait(false);
                }
                catch (IOException ex)
                {
                    // The connection broke mid-file: nothing of it is kept, the file comes again next run.
                    throw new TransportUnavailableException($"The connection broke while reading a file of '{scope}'.", ex);
                }

                var final = read == 0;
                var length = carry + Compact(input.AsSpan(carry, read));

                // Before the end, the last whole group stays behind: only the final call may see padding ('=').
                var decodable = final ? length : Math.Max(0, (length & ~3) - 4);
                var status = Base64.DecodeFromUtf8(input.AsSpan(0, decodable), output, out var consumed, out var written, isFinalBlock: final);
                if (status == OperationStatus.InvalidData || (final && consumed != length))
                {
                    throw new SyncPayloadException(scope, "file", $"the file is not valid base64 (after {total:N0} bytes)");
                }

                total += written;
                if (total > maxBytes)
                {
                    throw new SyncPayloadException(scope, "file", $"the file is larger than {maxBytes:N0} bytes");
                }

                await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                if (final)
                {
                    return total;
                }

                carry = length - consumed;
                input.AsSpan(consumed, carry).CopyTo(input);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    /// <summary>Removes whitespace and quotes in place; returns the new length.</summary>
    private static int Compact(Span<byte> text)
    {
        var kept = 0;
        foreach (var c in text)
        {
            if (c is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'"'))
            {
                text[kept++] = c;
            }
        }

        return kept;
    }
}
