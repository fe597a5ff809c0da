using System.Collections.Generic;

namespace SmartSync.ReferenceServer.Seeding;

/// <summary>How much demo data to create, and from which seed.</summary>
internal sealed record SeedPlan(int RowsPerEntity, int ReferenceRowsPerEntity, IReadOnlyDictionary<string, int> RowCounts, int Seed, int UserCount);
