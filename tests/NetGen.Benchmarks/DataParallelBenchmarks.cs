using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;

namespace NetGen.Benchmarks;

/// <summary>
/// Would data-parallel training pay on this machine? One 784-128-10 float gradient computation (forward,
/// backward, gradient) over a batch, on one thread, or split in halves over two threads with a gradient buffer
/// each, summed afterwards. Calls the kernels the generated loop shape calls; what Fit does with
/// <c>FitOptions.Threads</c> is measured by <see cref="FitThreads"/>.
/// </summary>
[MemoryDiagnoser]
public class DataParallel
{
    private const int In = MnistData.Inputs, Hidden = MnistData.Hidden, Out = MnistData.Outputs;
    private const int Parameters = In * Hidden + Hidden + Hidden * Out + Out;
    private readonly float[] _p = MnistData.InitialParameters<float>();
    private readonly float[] _g0 = new float[Parameters];
    private readonly float[] _g1 = new float[Parameters];
    private readonly float[] _w2t = new float[Hidden * Out];
    private float[] _x = Array.Empty<float>();
    private float[] _t = Array.Empty<float>();
    private Scratch _s0 = null!;
    private Scratch _s1 = null!;

    [Params(32, 64, 128, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_x, _t) = MnistData.Make<float>(Batch);
        _s0 = new Scratch(Batch);
        _s1 = new Scratch(Batch);
    }

    [Benchmark(Baseline = true, Description = "one thread")]
    public float OneThread()
    {
        Dense.Transpose<float>(_p.AsSpan(In * Hidden + Hidden, Hidden * Out), _w2t, Hidden);
        Gradient(_x, _t, Batch, _g0, _s0);
        return _g0[0];
    }

    [Benchmark(Description = "two threads")]
    public float TwoThreads()
    {
        int half = Batch / 2;
        Dense.Transpose<float>(_p.AsSpan(In * Hidden + Hidden, Hidden * Out), _w2t, Hidden);
        Parallel.Invoke(
            () => Gradient(_x.AsSpan(0, half * In), _t.AsSpan(0, half * Out), half, _g0, _s0),
            () => Gradient(_x.AsSpan(half * In, half * In), _t.AsSpan(half * Out, half * Out), half, _g1, _s1));
        Dense.Descend<float>(_g0, _g1, -1f); // g0 += g1
        return _g0[0];
    }

    private void Gradient(ReadOnlySpan<float> x, ReadOnlySpan<float> t, int n, float[] g, Scratch s)
    {
        ReadOnlySpan<float> p = _p;
        Span<float> a1 = s.A1.AsSpan(0, n * Hidden), a2 = s.A2.AsSpan(0, n * Out);
        Span<float> d1 = s.D1.AsSpan(0, n * Hidden), d2 = s.D2.AsSpan(0, n * Out);
        Dense.Forward(p.Slice(0, In * Hidden), p.Slice(In * Hidden, Hidden), x, a1, n);
        Dense.Forward(p.Slice(In * Hidden + Hidden, Hidden * Out), p.Slice(Parameters - Out, Out), a1, a2, n);
        Dense.OutputDelta<float>(a2, t, d2);
        Dense.AccumulateGradients(g.AsSpan(In * Hidden + Hidden, Hidden * Out), g.AsSpan(Parameters - Out, Out), a1, d2, n, accumulate: false);
        Dense.BackpropagateDelta<float>(_w2t, d2, a1, d1, n);
        Dense.AccumulateGradients(g.AsSpan(0, In * Hidden), g.AsSpan(In * Hidden, Hidden), x, d1, n, accumulate: false);
    }

    private sealed class Scratch(int batch)
    {
        public float[] A1 { get; } = new float[batch * Hidden];

        public float[] A2 { get; } = new float[batch * Out];

        public float[] D1 { get; } = new float[batch * Hidden];

        public float[] D2 { get; } = new float[batch * Out];
    }
}
