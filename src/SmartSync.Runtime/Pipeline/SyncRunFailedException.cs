using System;

namespace SmartSync;

/// <summary>A run failed for a reason the engine explains (the <see cref="SyncResult.Error"/> of such a run).</summary>
public sealed class SyncRunFailedException(string message, Exception? inner = null) : Exception(message, inner);
