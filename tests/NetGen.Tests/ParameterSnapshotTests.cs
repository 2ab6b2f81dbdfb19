using System;
using System.IO;
using NetGen.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Every writer (the network file, safetensors, ONNX) takes the parameters through one checked snapshot: a network
/// with a parameter that is not finite is refused before a byte is written, in the same words, naming where it sits.
/// </summary>
public class ParameterSnapshotTests
{
    public static TheoryData<string, string> Writers => new()
    {
        { "save", "saved (the file would not load)" },
        { "safetensors", "exported (the file would not import)" },
        { "onnx", "exported" },
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_parameter_that_is_not_finite_is_refused_by_every_writer_and_no_file_is_left(string writer, string refused)
    {
        var net = new ReferenceNetwork(new[] { 2, 3, 1 }, seed: 1);
        var parameters = new double[net.ParameterCount];
        net.GetParameters(parameters);
        parameters[10] = double.NaN; // layer 2's weight from input 1 (after W1's 6, b1's 3 values: 9 is input 0's)
        net.SetParameters(parameters);
        string directory = Path.Combine(Path.GetTempPath(), "netgen-snapshot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "net.out");
            Action write = writer switch
            {
                "save" => () => net.Save(path),
                "safetensors" => () => net.ExportSafetensors(path),
                _ => () => net.ExportOnnx(path),
            };
            InvalidOperationException e = Assert.Throws<InvalidOperationException>(write);
            string where = writer == "safetensors" ? string.Empty : " (layer 2's weight from input 1 to unit 0)";
            Assert.Equal($"Parameter 10{where} is NaN; a network whose parameters are not all finite cannot be {refused}.", e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
