using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SmartSync.Dataverse.Tests;

/// <summary>
/// Note and attachment files (annotation.documentbody, activitymimeattachment.body): listed with change tracking,
/// each file streamed from its <c>$value</c> as base64 and decoded into the blob store as it arrives.
/// </summary>
[Collection(nameof(AloneCollection))] // GC.GetTotalAllocatedBytes counts the whole process
public sealed class AttachmentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_note_file_of_tens_of_MB_streams_into_the_blob_store_without_being_held_in_memory()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync(); // code paths warmed up, so the measured run allocates what the file costs
        var file = new byte[48 * 1024 * 1024];
        new Random(16).NextBytes(file);
        var note = Seed.Key(5, 1);
        emulator.Put("annotation", note, emulator.Alice.Id,
            ("subject", "Signed contract"), ("filename", "contract.pdf"), ("mimetype", "application/pdf"), ("filesize", (long)file.Length),
            ("documentbody", file), ("_objectid_value", seed.AliceAccounts[0]));
        emulator.ClearRequests();

        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await device.Client.RunAsync(DataverseDevice.Profile("Notes", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "annotation"));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"file {file.Length:N0} bytes; the run allocated {allocated:N0} bytes (GC.GetTotalAllocatedBytes, whole process, emulator included)");
        Assert.True(result.IsSuccess, result.Message + " " + result.Error);
        Assert.Contains(result.Phases, p => p.Phase == "Attachments" && !p.Skipped && p.Items == 1);
        var blob = Assert.Single(await device.BlobsAsync(kind: 1));
        Assert.Equal(("annotation", note.ToString(), "contract.pdf", "application/pdf"), (blob.Entity, blob.RecordKey, blob.FileName, blob.ContentType));
        Assert.True(file.AsSpan().SequenceEqual(blob.Content), "the stored file differs from the note's file");

        // Everything this run allocated (rows, pages, the file's transfer, decode and store) stays far below the file:
        // a transport that held the base64 text or the decoded file whole would allocate several times its size.
        Assert.True(allocated < file.Length / 4, $"the run allocated {allocated:N0} bytes for a {file.Length:N0}-byte file");

        // The row download never selects the file column; the file comes once, from its $value.
        Assert.DoesNotContain(emulator.Requests, r => r.Target.Contains("$select=", StringComparison.Ordinal) && r.Target.Contains("documentbody", StringComparison.Ordinal));
        Assert.Single(emulator.Requests, r => r.Target.EndsWith("/annotations(" + note + ")/documentbody/$value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Note_and_email_attachment_files_arrive_once_and_an_edited_note_keeps_its_file_on_the_server()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        byte[] small = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var mail = new byte[3 * 1024 * 1024 + 1];
        new Random(7).NextBytes(mail);
        Guid alices = Seed.Key(5, 1), bobs = Seed.Key(5, 2), textOnly = Seed.Key(5, 3), attachment = Seed.Key(6, 1);
        emulator.Put("annotation", alices, emulator.Alice.Id, ("subject", "Photo"), ("filename", "photo.png"), ("mimetype", "image/png"), ("filesize", (long)small.Length), ("documentbody", small));
        emulator.Put("annotation", bobs, emulator.Bob.Id, ("subject", "Not hers"), ("filename", "bob.txt"), ("mimetype", "text/plain"), ("filesize", 3L), ("documentbody", new byte[] { 1, 2, 3 }));
        emulator.Put("annotation", textOnly, emulator.Alice.Id, ("subject", "Just text"), ("notetext", "No file here"));
        emulator.Put("activitymimeattachment", attachment, null, ("filename", "quote.eml"), ("mimetype", "message/rfc822"), ("filesize", (long)mail.Length), ("body", mail));
        await using var device = new DataverseDevice(emulator, emulator.Alice);

        var full = await device.FullSyncAsync();

        Assert.Contains(full.Phases, p => p.Phase == "Attachments" && !p.Skipped && p.Items == 2);
        var blobs = (await device.BlobsAsync(kind: 1)).ToDictionary(b => b.Entity + ":" + b.RecordKey);
        Assert.Equal(["activitymimeattachment:" + attachment, "annotation:" + alices], blobs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(small, blobs["annotation:" + alices].Content);
        Assert.Equal(mail, blobs["activitymimeattachment:" + attachment].Content);
        Assert.Equal(("quote.eml", "message/rfc822"), (blobs["activitymimeattachment:" + attachment].FileName, blobs["activitymimeattachment:" + attachment].ContentType));

        // Nothing changed: the next run reads no file again.
        var reads = emulator.RawValueReads;
        var quiet = await device.Client.RunAsync(DataverseDevice.Profile("Notes", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "annotation", "activitymimeattachment"));
        Assert.True(quiet.IsSuccess, quiet.Message);
        Assert.Equal(reads, emulator.RawValueReads);

        // The device edits the note: the upload must not send the file column (the device never held the file), so
        // the server keeps the file.
        await device.Client.Records.UpsertAsync("annotation", alices.ToString(), new Dictionary<string, object?> { ["subject"] = "Photo (renamed)" });
        emulator.ClearRequests();
        var up = await device.Client.RunAsync(DataverseDevice.Profile("Up", SyncAction.UpSync, SyncModules.None, SyncMethod.Default, "annotation"));
        Assert.True(up.IsSuccess, up.Message);
        var patch = Assert.Single(emulator.Requests, r => r.Method == "PATCH");
        Assert.DoesNotContain("documentbody", patch.Body, StringComparison.Ordinal);
        Assert.Equal("Photo (renamed)", emulator.Row("annotation", alices)!.Values["subject"]);
        Assert.Equal(small, emulator.Row("annotation", alices)!.Values["documentbody"]);
    }

    [Fact]
    public async Task A_note_or_attachment_deleted_on_the_server_takes_its_downloaded_file_off_the_device()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        Guid note = Seed.Key(5, 1), kept = Seed.Key(5, 2), attachment = Seed.Key(6, 1);
        emulator.Put("annotation", note, emulator.Alice.Id, ("subject", "Photo"), ("filename", "photo.png"), ("mimetype", "image/png"), ("filesize", 3L), ("documentbody", new byte[] { 1, 2, 3 }));
        emulator.Put("annotation", kept, emulator.Alice.Id, ("subject", "Kept"), ("filename", "kept.txt"), ("mimetype", "text/plain"), ("filesize", 2L), ("documentbody", new byte[] { 4, 5 }));
        emulator.Put("activitymimeattachment", attachment, null, ("filename", "quote.eml"), ("mimetype", "message/rfc822"), ("filesize", 2L), ("body", new byte[] { 6, 7 }));
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        Assert.Equal(3, (await device.BlobsAsync(kind: 1)).Count);

        // Deleted on the server: the delta carries $deletedEntity rows. Cleanup is off, so only the delta can remove them.
        Assert.True(emulator.Remove("annotation", note));
        Assert.True(emulator.Remove("activitymimeattachment", attachment));
        var run = await device.Client.RunAsync(DataverseDevice.Profile("Notes", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "annotation", "activitymimeattachment"));

        Assert.True(run.IsSuccess, run.Message + " " + run.Error);
        Assert.DoesNotContain(note, await device.KeysAsync("annotation"));
        Assert.Empty(await device.KeysAsync("activitymimeattachment"));
        var left = Assert.Single(await device.BlobsAsync(kind: 1));
        Assert.Equal(("annotation", kept.ToString()), (left.Entity, left.RecordKey));
    }

    [Fact]
    public async Task A_note_the_user_can_no_longer_read_takes_its_downloaded_file_off_the_device()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        var note = Seed.Key(5, 1);
        emulator.Put("annotation", note, emulator.Alice.Id, ("subject", "Photo"), ("filename", "photo.png"), ("mimetype", "image/png"), ("filesize", 3L), ("documentbody", new byte[] { 1, 2, 3 }));
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        Assert.Single(await device.BlobsAsync(kind: 1));

        // Reassigned to Bob: Alice (Basic depth) no longer reads it; the delta does not say so, the cleanup key walk does.
        emulator.Put("annotation", note, null, ("_ownerid_value", emulator.Bob.Id));
        var run = await device.Client.RunAsync(DataverseDevice.Profile("Notes", SyncAction.DownSync, SyncModules.None, SyncMethod.Default, "annotation"));

        Assert.True(run.IsSuccess, run.Message + " " + run.Error);
        Assert.DoesNotContain(note, await device.KeysAsync("annotation"));
        Assert.Empty(await device.BlobsAsync(kind: 1));
    }

    [Fact]
    public async Task A_file_removed_from_a_note_on_the_server_and_a_cleared_image_leave_the_device_while_the_rows_stay()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        Guid note = Seed.Key(5, 1), other = Seed.Key(5, 2);
        emulator.Put("annotation", note, emulator.Alice.Id, ("subject", "Photo"), ("filename", "photo.png"), ("mimetype", "image/png"), ("filesize", 3L), ("documentbody", new byte[] { 1, 2, 3 }));
        emulator.Put("annotation", other, emulator.Alice.Id, ("subject", "Other"), ("filename", "other.txt"), ("mimetype", "text/plain"), ("filesize", 2L), ("documentbody", new byte[] { 4, 5 }));
        emulator.Put("account", seed.AliceAccounts[0], emulator.Alice.Id, ("entityimage", new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        Assert.Equal(2, (await device.BlobsAsync(kind: 1)).Count);
        Assert.Single(await device.BlobsAsync(kind: 0));

        // The user removes the note's file (the note stays, without file name or body) and clears the account's image.
        emulator.Put("annotation", note, null, ("filename", null), ("mimetype", null), ("filesize", 0L), ("documentbody", null));
        emulator.Put("account", seed.AliceAccounts[0], null, ("entityimage", null));
        var run = await device.Client.RunAsync(DataverseDevice.Profile("Both", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "annotation", "account"));

        Assert.True(run.IsSuccess, run.Message + " " + run.Error);
        Assert.Contains(note, await device.KeysAsync("annotation"));
        Assert.Contains(seed.AliceAccounts[0], await device.KeysAsync("account"));
        var left = Assert.Single(await device.BlobsAsync(kind: 1));
        Assert.Equal(("annotation", other.ToString(), "other.txt"), (left.Entity, left.RecordKey, left.FileName));
        Assert.Empty(await device.BlobsAsync(kind: 0));
    }
}
