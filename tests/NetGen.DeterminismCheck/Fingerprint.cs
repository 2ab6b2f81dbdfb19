using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace NetGen.DeterminismCheck;

/// <summary>
/// SHA-256 of the exact bits a network produced, stage by stage: each stage (the initial parameters, the outputs, the
/// gradients, ...) gets its own digest, and the network's is the digest of its stages' digests in order. Two runs
/// agree on a network exactly when every value of every stage has the same bits.
/// </summary>
internal sealed class Fingerprint : IDisposable
{
    private readonly List<(string Stage, byte[] Digest)> _stages = new();
    private IncrementalHash? _current;
    private string _stage = "";

    /// <summary>The stages finished so far, each with its digest.</summary>
    public IReadOnlyList<(string Stage, byte[] Digest)> Stages => _stages;

    /// <summary>Ends the stage in progress, if any, and starts <paramref name="stage"/>.</summary>
    public void Begin(string stage)
    {
        EndStage();
        _stage = stage;
        _current = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    }

    /// <summary>Adds a label, so that the same values under different names hash differently.</summary>
    public void Label(string label) => Current.AppendData(Encoding.UTF8.GetBytes(label + "\n"));

    /// <summary>Adds the bits of every value, little-endian, as IEEE 754 stores them.</summary>
    public void Add<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Add(values.Length);
        Current.AppendData(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Adds the bits of one value.</summary>
    public void Add<T>(T value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T> => Add(new ReadOnlySpan<T>(in value));

    /// <summary>Adds an integer, little-endian.</summary>
    public void Add(int value) => Current.AppendData(BitConverter.GetBytes(value));

    /// <summary>Ends the last stage and gives the network's digest.</summary>
    public byte[] Finish()
    {
        EndStage();
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach ((string stage, byte[] digest) in _stages)
        {
            whole.AppendData(Encoding.UTF8.GetBytes(stage));
            whole.AppendData(digest);
        }

        return whole.GetHashAndReset();
    }

    public void Dispose() => _current?.Dispose();

    private IncrementalHash Current => _current ?? throw new InvalidOperationException("No stage has begun.");

    private void EndStage()
    {
        if (_current is null)
        {
            return;
        }

        _stages.Add((_stage, _current.GetHashAndReset()));
        _current.Dispose();
        _current = null;
    }

    /// <summary>The first <paramref name="digits"/> hexadecimal digits of a digest, lower case.</summary>
    public static string Hex(byte[] digest, int digits) => Convert.ToHexString(digest).ToLowerInvariant()[..digits];
}
