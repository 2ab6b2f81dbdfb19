using System;
using System.IO;
using System.Linq;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Saves that are interrupted: a killed save leaves at most one stray file beside its target, and the next save of that
/// target takes it away; two saves at once each finish and leave nothing behind.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-atomic-" + Guid.NewGuid().ToString("N"));

    public AtomicFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_save_killed_part_way_leaves_one_stray_file_that_the_next_save_takes_away()
    {
        string path = Path.Combine(_directory, "net.netgen");
        var net = new ReferenceNetwork(NetworkFileTests.Sizes, NetworkFileTests.Adam);
        NetworkFile.Save(net, path);
        byte[] saved = File.ReadAllBytes(path);

        // What a process killed inside its write leaves: the temporary file, half written, however many times it happens.
        string stray = Path.Combine(_directory, ".net.netgen.tmp");
        for (int kill = 0; kill < 40; kill++)
        {
            File.WriteAllBytes(stray, saved.AsSpan(0, 1 + kill).ToArray());
        }

        Assert.Equal(new[] { path, stray }.Order(StringComparer.Ordinal), Directory.GetFiles(_directory).Order(StringComparer.Ordinal));

        net.Train(NetworkFileTests.Inputs, NetworkFileTests.Targets, 3);
        NetworkFile.Save(net, path);

        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
        var loaded = new ReferenceNetwork(NetworkFileTests.Sizes, NetworkFileTests.Adam);
        NetworkFile.Load(loaded, path);
        Assert.Equal(NetworkFileTests.Save(net), NetworkFileTests.Save(loaded));
    }

    [Fact]
    public void A_save_while_another_save_of_the_same_target_is_writing_finishes_and_leaves_no_stray_file()
    {
        string path = Path.Combine(_directory, "net.netgen");
        var net = new ReferenceNetwork(NetworkFileTests.Sizes, NetworkFileTests.Adam);
        string shared = Path.Combine(_directory, ".net.netgen.tmp");
        using (new FileStream(shared, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            NetworkFile.Save(net, path);
            Assert.Equal(new[] { path, shared }.Order(StringComparer.Ordinal), Directory.GetFiles(_directory).Order(StringComparer.Ordinal));
        }

        var loaded = new ReferenceNetwork(NetworkFileTests.Sizes, NetworkFileTests.Adam);
        NetworkFile.Load(loaded, path);
        Assert.Equal(NetworkFileTests.Save(net), NetworkFileTests.Save(loaded));
    }

    [Fact]
    public void A_safetensors_export_takes_away_a_killed_save_s_stray_file_too()
    {
        string path = Path.Combine(_directory, "net.safetensors");
        var net = new ReferenceNetwork(NetworkFileTests.Sizes, NetworkFileTests.Adam);
        File.WriteAllText(Path.Combine(_directory, ".net.safetensors.tmp"), "left by a killed save");

        net.ExportSafetensors(path);

        Assert.Equal(new[] { path }, Directory.GetFiles(_directory));
    }
}
