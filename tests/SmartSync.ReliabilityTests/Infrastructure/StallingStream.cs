using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>
/// Passes a response body through, and once <c>limit</c> bytes went by, stops delivering (like a stuck TCP
/// connection) until <c>resume</c> completes; <c>stalled</c> tells the test the stall has begun.
/// </summary>
internal sealed class StallingStream(Stream inner, long limit, TaskCompletionSource stalled, Task resume) : ReadOnlyStreamWrapper(inner)
{
    protected override async ValueTask<int> BeforeReadAsync(int requested, CancellationToken cancellationToken)
    {
        if (Delivered >= limit && !resume.IsCompleted)
        {
            stalled.TrySetResult();
            await resume.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Delivered < limit ? (int)Math.Min(requested, limit - Delivered) : requested;
    }
}
