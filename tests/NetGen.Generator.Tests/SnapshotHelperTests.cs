using System;
using System.IO;
using Xunit;
using Xunit.Sdk;

namespace NetGen.Generator.Tests;

/// <summary>The snapshot helper itself: a mismatch fails, writes the received file and shows a diff.</summary>
public class SnapshotHelperTests
{
    [Fact]
    public void A_mismatch_fails_with_a_diff_and_writes_the_received_file()
    {
        if (Environment.GetEnvironmentVariable(Snapshot.AcceptVariable) == "1")
        {
            return; // accepting would overwrite the fixture; this test has nothing to show then
        }

        string directory = Path.Combine(Path.GetTempPath(), "netgen-snapshot-" + Guid.NewGuid().ToString("N"));
        string caller = Path.Combine(directory, "Fake.cs");
        Directory.CreateDirectory(Path.Combine(directory, "Snapshots"));
        File.WriteAllText(Path.Combine(directory, "Snapshots", "probe.verified.cs"), "line one\nline two\nline three\n");
        try
        {
            Snapshot.Verify("line one\nline two\nline three\n", "probe", callerFile: caller);
            XunitException e = Assert.Throws<XunitException>(() => Snapshot.Verify("line one\nline 2\nline three\n", "probe", callerFile: caller));
            Assert.Contains("- 0002 line two", e.Message, StringComparison.Ordinal);
            Assert.Contains("+ 0002 line 2", e.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory, "Snapshots", "probe.received.cs")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
