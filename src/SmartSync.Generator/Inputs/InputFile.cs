using SmartSync.Definitions.Files;

namespace SmartSync.Generator.Inputs;

/// <summary>An AdditionalFile the generator reads, with its text (a string, so the step caches by value).</summary>
internal sealed record InputFile(DefinitionFileKind Kind, string Path, string Text);
