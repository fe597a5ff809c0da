using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>The invariants an interrupted download must leave behind, checked against the server's own stream.</summary>
public static class Consistency
{
    /// <summary>
    /// For every entity of a device that was interrupted during its first download: the rows on disk are exactly
    /// the first k whole pages of the server's change stream (same keys, same versions, nothing of a broken page),
    /// and the stored cursor points exactly behind them (the page it leads to is page k + 1; complete only when
    /// every page is on disk; no cursor when no page is).
    /// </summary>
    public static async Task AssertEachEntityIsAStreamPrefixAsync(StoreSnapshot snapshot, ServerView server, string because)
    {
        foreach (var (entity, allRows) in snapshot.Tables)
        {
            var pages = await server.PagesAsync(entity);

            // A kill that lands after the entity download reached the shared phase leaves shared records too: they
            // must be a whole-page prefix of the shared stream, and only after the download's cursor completed.
            var owned = pages.SelectMany(p => p).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var rows = new SortedDictionary<string, string>(allRows.Where(r => owned.Contains(r.Key)).ToDictionary(r => r.Key, r => r.Value), StringComparer.Ordinal);
            var shared = allRows.Keys.Where(k => !owned.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (shared.Count > 0)
            {
                snapshot.Cursors.TryGetValue(("download", entity), out var download);
                Assert.True(download.Complete, $"{because}: {entity} holds {shared.Count} row(s) outside its download stream before its download completed");
                var sharedPages = await server.SharedPagesAsync(entity);
                var sharedPrefix = new List<string>();
                var whole = false;
                for (var k = 0; k <= sharedPages.Count && !whole; k++)
                {
                    whole = sharedPrefix.Count == shared.Count && sharedPrefix.Order(StringComparer.Ordinal).SequenceEqual(shared);
                    if (k < sharedPages.Count)
                    {
                        sharedPrefix.AddRange(sharedPages[k].Select(r => r.Key));
                    }
                }

                Assert.True(whole, $"{because}: {entity} holds {shared.Count} row(s) outside its download stream that are not a whole-page prefix of its shared stream");
            }

            var committed = -1;
            var prefix = new List<(string Key, string? ETag)>();
            for (var k = 0; k <= pages.Count; k++)
            {
                if (prefix.Count == rows.Count && prefix.Select(r => r.Key).Order(StringComparer.Ordinal).SequenceEqual(rows.Keys))
                {
                    committed = k;
                    break;
                }

                if (k < pages.Count)
                {
                    prefix.AddRange(pages[k]);
                }
            }

            if (committed < 0)
            {
                snapshot.Cursors.TryGetValue(("download", entity), out var stored);
                var streamKeys = pages.SelectMany(p => p).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
                Assert.Fail($"{because}: {entity} holds {rows.Count} row(s) that are not a whole-page prefix of the server's stream " +
                    $"({pages.Count} page(s), {streamKeys.Count} row(s); {rows.Keys.Count(k => !streamKeys.Contains(k))} row(s) on disk not in the stream; " +
                    $"download cursor complete={stored.Complete}, shared cursor={snapshot.Cursors.ContainsKey(("shared", entity))})");
            }

            foreach (var (key, etag) in prefix)
            {
                Assert.Contains("__etag='" + etag + "';", rows[key], StringComparison.Ordinal);
            }

            snapshot.Cursors.TryGetValue(("download", entity), out var cursor);
            if (committed == 0 && rows.Count == 0 && cursor.Cursor is null)
            {
                continue;
            }

            // An empty last page may be the one that carries the delta link: k pages of rows can mean k or k+1 pages read.
            var allRead = committed == pages.Count || (committed == pages.Count - 1 && pages[^1].Count == 0);
            if (cursor.Cursor is null)
            {
                Assert.True(committed == 0, $"{because}: {entity} has {rows.Count} row(s) on disk but no cursor");
                continue;
            }

            if (cursor.Complete)
            {
                Assert.True(allRead, $"{because}: {entity}'s cursor is complete but only {committed} of {pages.Count} page(s) are on disk");
                continue;
            }

            var (next, _) = await server.PageAtAsync(entity, cursor.Cursor);
            var expected = committed < pages.Count ? pages[committed] : [];
            Assert.True(
                next.Select(r => r.Key).SequenceEqual(expected.Select(r => r.Key)),
                $"{because}: {entity}'s cursor leads to [{string.Join(",", next.Select(r => r.Key))}] but the next page after the {committed} on disk is [{string.Join(",", expected.Select(r => r.Key))}]");
        }
    }
}
