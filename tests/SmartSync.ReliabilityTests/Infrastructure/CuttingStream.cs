using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// Passes a response body through and, once <c>limit</c> bytes went by, either breaks off like a reset
/// connection or cancels the caller's token source (the next read then observes the cancellation).
/// </summary>
internal sealed class CuttingStream(Stream inner, long limit, CancellationTokenSource? cancel) : ReadOnlyStreamWrapper(inner)
{
    protected override async ValueTask<int> BeforeReadAsync(int requested, CancellationToken cancellationToken)
    {
        if (Delivered >= limit)
        {
            if (cancel is null)
            {
                throw new IOException("The response ended prematurely (connection reset, injected).");
            }

            await cancel.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new OperationCanceledException(cancel.Token);
        }

        return (int)Math.Min(requested, limit - Delivered);
    }
}
