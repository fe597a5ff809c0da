namespace SmartSync.Definitions.Semantics;

/// <summary>A validated trigger. <see cref="Entity"/> is only set for RecordChange triggers that name one.</summary>
public sealed record TriggerSpec(string Launch, TriggerAction Action, int DelaySeconds, string? Entity);
