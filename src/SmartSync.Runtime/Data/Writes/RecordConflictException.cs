using System;

namespace SmartSync.Data;

/// <summary>A typed create, update or delete was refused because the row is not what the app read; nothing was written.</summary>
public sealed class RecordConflictException : Exception
{
    public RecordConflictException(string entity, string key, RecordConflictKind kind)
        : base(MessageFor(entity, key, kind))
    {
        Entity = entity;
        Key = key;
        Kind = kind;
    }

    public RecordConflictException()
        : this("?", "?", RecordConflictKind.ChangedSinceRead)
    {
    }

    public RecordConflictException(string message)
        : base(message)
    {
        Entity = "?";
        Key = "?";
    }

    public RecordConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Entity = "?";
        Key = "?";
    }

    public string Entity { get; }

    public string Key { get; }

    public RecordConflictKind Kind { get; }

    private static string MessageFor(string entity, string key, RecordConflictKind kind) => kind switch
    {
        RecordConflictKind.AlreadyExists => $"{entity}({key}) already exists on the device.",
        RecordConflictKind.DeletedSinceRead => $"{entity}({key}) was deleted since it was read.",
        _ => $"{entity}({key}) changed since it was read; read it again and re-apply the edit.",
    };
}
