namespace SmartSync;

/// <summary>
/// How much of its own bookkeeping the client keeps, so that no table it writes grows without bound. Blobs need no
/// setting: they leave with their records.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Runs kept in the run history and the sync log (with their download history); older ones are removed. Default 200.</summary>
    public int Runs { get; set; } = 200;

    /// <summary>Mail messages kept (the newest by received time). Default 5,000.</summary>
    public int MailMessages { get; set; } = 5000;
}
