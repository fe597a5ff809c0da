using System;
using System.Collections.Generic;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>
/// A user of the emulated environment: a bearer token, and the privileges its security roles grant
/// (name → depth; <c>Basic</c> reads only owned rows, <c>Global</c> every row).
/// </summary>
public sealed class EmulatorUser(Guid id, string fullName, string token)
{
    public Guid Id { get; } = id;

    public string FullName { get; } = fullName;

    public string Token { get; set; } = token;

    public Dictionary<string, string> Privileges { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One request as the emulator received it (for assertions on what the transport sent).</summary>
public sealed record ReceivedRequest(
    string Method, string Target, string? IfMatch, string? IfNoneMatch, string? Prefer, string? Token, string Body, int Status, DateTimeOffset At);
