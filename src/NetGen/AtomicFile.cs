using System;
using System.IO;

namespace NetGen;

/// <summary>
/// Replaces a file so that it holds either its old bytes or all of its new ones: write a temporary file in the same
/// directory, flush it to disk, rename it over the target. A failure removes the temporary file and leaves the
/// target as it was.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream> wrap)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException("The path names no file.", nameof(path));
        string temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(wrap(file));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
