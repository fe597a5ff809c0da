using System;
using System.IO;
using System.Text;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// A response body made on the fly: a prefix, <c>fillLength</c> copies of one byte, a suffix. A 100 MB string
/// value is served without the test ever holding it; <see cref="Served"/> tells how much the reader pulled.
/// </summary>
public sealed class GeneratedBodyStream(string prefix, byte fill, long fillLength, string suffix) : Stream
{
    private readonly byte[] _prefix = Encoding.UTF8.GetBytes(prefix);
    private readonly byte[] _suffix = Encoding.UTF8.GetBytes(suffix);

    public long Served { get; private set; }

    private long Total => _prefix.Length + fillLength + _suffix.Length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => Total;

    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var written = 0;
        while (written < count && Served < Total)
        {
            var position = Served;
            if (position < _prefix.Length)
            {
                buffer[offset + written] = _prefix[position];
            }
            else if (position < _prefix.Length + fillLength)
            {
                var run = (int)Math.Min(count - written, _prefix.Length + fillLength - position);
                buffer.AsSpan(offset + written, run).Fill(fill);
                written += run;
                Served += run;
                continue;
            }
            else
            {
                buffer[offset + written] = _suffix[position - _prefix.Length - fillLength];
            }

            written++;
            Served++;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
