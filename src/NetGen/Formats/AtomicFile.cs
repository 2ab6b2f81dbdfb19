using System;
using System.IO;
using System.Runtime.InteropServices;

namespace NetGen;

/// <summary>
/// Replaces a file so that it holds either its old bytes or all of its new ones: write a temporary file in the same
/// directory, flush it to disk, rename it over the target, then (on Unix) flush the directory, so the rename itself
/// survives a power cut. A failure removes the temporary file and leaves the target as it was.
/// </summary>
/// <remarks>
/// The temporary file of <c>dir/name</c> is <c>dir/.name.tmp</c>, always the same, so a save that is killed part-way
/// leaves at most that one stray file, and the next save of the same target overwrites it and renames it away. Only
/// when another save of the same target holds it open (two saves at once) does a save fall back to a uniquely named
/// temporary file, which it removes as usual.
/// </remarks>
internal static partial class AtomicFile
{
    public static void Write(string path, Action<Stream> write, Func<Stream, Stream> wrap)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException("The path names no file.", nameof(path));
        string temporary = TemporaryPath(target);
        FileStream file;
        try
        {
            file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (IOException) when (File.Exists(temporary))
        {
            // Another save of this target is writing the shared temporary file right now.
            temporary = Path.Combine(directory, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }

        try
        {
            using (file)
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

        FlushDirectory(directory);
    }

    /// <summary>The temporary file a save of <paramref name="target"/> (a full path) writes first: <c>.name.tmp</c> beside it.</summary>
    internal static string TemporaryPath(string target) =>
        Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + ".tmp");

    /// <summary>
    /// Flushes <paramref name="directory"/>'s entries to disk (<c>fsync</c> of the directory), so a rename into it is
    /// durable; POSIX leaves that to the program. Windows has no such call (NTFS journals the rename) and needs none.
    /// Best effort: the file is already in place, and a file system that cannot flush a directory (some network
    /// file systems) does not make the save fail.
    /// </summary>
    private static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int descriptor = Open(directory, 0); // O_RDONLY, the same value on every Unix
        if (descriptor < 0)
        {
            return;
        }

        _ = Fsync(descriptor);
        _ = Close(descriptor);
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

#if NETGEN_PORTABLE
    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);
#else
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
#endif
}
