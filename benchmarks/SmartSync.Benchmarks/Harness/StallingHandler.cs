using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Benchmarks.Harness;

/// <summary>
/// A fault-injecting hop between the client and the server: when armed, the Nth entity-page response of a run stops
/// delivering its body after a few kilobytes for a while (a stuck connection mid-page), then goes on.
/// </summary>
public sealed class StallingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _pages;
    private int _stallPage;
    private long _stallAfterBytes;
    private TimeSpan _stall;

    /// <summary>How many stalls happened since the last <see cref="Arm"/>.</summary>
    public int Stalls { get; private set; }

    /// <summary>Stalls entity page number <paramref name="page"/> (from 1) after <paramref name="afterBytes"/> bytes for <paramref name="stall"/>; zero disarms.</summary>
    public void Arm(int page, long afterBytes, TimeSpan stall)
    {
        Interlocked.Exchange(ref _pages, 0);
        _stallPage = page;
        _stallAfterBytes = afterBytes;
        _stall = stall;
        Stalls = 0;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (_stall <= TimeSpan.Zero || !path.StartsWith("/odata/", StringComparison.Ordinal) || path.EndsWith("$metadata", StringComparison.Ordinal)
            || Interlocked.Increment(ref _pages) != _stallPage)
        {
            return response;
        }

        Stalls++;
        var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var content = new StreamContent(new StallingStream(inner, _stallAfterBytes, _stall));
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = content;
        return response;
    }

    private sealed class StallingStream(Stream inner, long limit, TimeSpan stall) : Stream
    {
        private long _passed;
        private bool _stalled;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _passed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_passed >= limit && !_stalled)
            {
                _stalled = true;
                await Task.Delay(stall, cancellationToken).ConfigureAwait(false);
            }

            var allowed = _passed < limit ? (int)Math.Min(buffer.Length, limit - _passed) : buffer.Length;
            var read = await inner.ReadAsync(buffer[..allowed], cancellationToken).ConfigureAwait(false);
            _passed += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
