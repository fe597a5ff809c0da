using SmartSync.Definitions.Semantics;

namespace SmartSync;

/// <summary>A profile that was not compiled in: read from an override file or built in code.</summary>
public sealed class LoadedProfile(ProfileSpec spec) : SmartSyncProfile(spec);
