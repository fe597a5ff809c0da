using System;
using System.Threading.Channels;

namespace SmartSync.Demo;

/// <summary>Hands a live query's emissions to a channel the demo awaits.</summary>
internal sealed class ChannelObserver<T>(ChannelWriter<T> writer) : IObserver<T>
{
    public void OnCompleted() => writer.TryComplete();

    public void OnError(Exception error) => writer.TryComplete(error);

    public void OnNext(T value) => writer.TryWrite(value);
}
