using System;
using BenchmarkDotNet.Attributes;
using NetGen.Runtime;

namespace NetGen.Benchmarks;

/// <summary>
/// One sample's product, <c>y = Wᵀ · x + b</c>, on W's rows (baseline) and on a copy of W in the order of the
/// product's passes (<see cref="PassOrderedWeights{T}"/>, what a generated network's Forward reads for a large layer):
/// W4's and W5's first layers (784 x 128 double, 784 x 256 float) and a wider float layer (784 x 512). Where this
/// machine reads a layer's rows in one pass (AVX-512 for the first two) the two rows run the same code. Both give the
/// same bits (checked in the setup).
/// <c>dotnet run -c Release --project tests/NetGen.Benchmarks -- --quick --filter '*WeightOrder*'</c>, and again with
/// <c>DOTNET_EnableAVX512=0</c>.
/// </summary>
[MemoryDiagnoser]
public class WeightOrder
{
    private const int Inputs = 784, Pool = 64;
    private readonly Layer<double> _double = new(128, 1);
    private readonly Layer<float> _single = new(256, 2);
    private readonly Layer<float> _wide = new(512, 3);
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _double.Check();
        _single.Check();
        _wide.Check();
    }

    [Benchmark(Baseline = true, Description = "784x128 double, rows")]
    public double RowsDouble() => _double.Rows(_next++);

    [Benchmark(Description = "784x128 double, pass order")]
    public double PassOrderDouble() => _double.InPassOrder(_next++);

    [Benchmark(Description = "784x256 float, rows")]
    public float RowsSingle() => _single.Rows(_next++);

    [Benchmark(Description = "784x256 float, pass order")]
    public float PassOrderSingle() => _single.InPassOrder(_next++);

    [Benchmark(Description = "784x512 float, rows")]
    public float RowsWide() => _wide.Rows(_next++);

    [Benchmark(Description = "784x512 float, pass order")]
    public float PassOrderWide() => _wide.InPassOrder(_next++);

    /// <summary>A layer's weights from a 64-byte boundary on (as a network keeps them), a pool of inputs, and its copy in pass order.</summary>
    private sealed class Layer<T>
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        private readonly int _units;
        private readonly T[] _block, _b, _x, _y;
        private readonly PassOrderedWeights<T> _order;

        public Layer(int units, int seed)
        {
            var random = new Random(seed);
            _units = units;
            _block = Aligned.Allocate<T>(Inputs * units);
            Span<T> w = Aligned.Span(_block, Inputs * units);
            for (int k = 0; k < w.Length; k++)
            {
                w[k] = T.CreateTruncating(random.NextDouble() - 0.5);
            }

            _b = Values(units, random);
            _x = Values(Inputs * Pool, random);
            _y = new T[units];
            _order = new PassOrderedWeights<T>(Inputs, units);
        }

        private ReadOnlySpan<T> W => Aligned.Span(_block, Inputs * _units);

        public T Rows(int next)
        {
            Dense.Forward<T>(W, _b, _x.AsSpan((next & (Pool - 1)) * Inputs, Inputs), _y, 1, Activation.Identity, T.Zero);
            return _y[0];
        }

        public T InPassOrder(int next)
        {
            Dense.Forward(_order, W, _b, _x.AsSpan((next & (Pool - 1)) * Inputs, Inputs), _y, Activation.Identity, T.Zero);
            return _y[0];
        }

        public void Check()
        {
            var rows = new T[_units];
            for (int s = 0; s < Pool; s++)
            {
                Rows(s);
                _y.CopyTo(rows, 0);
                InPassOrder(s);
                if (!rows.AsSpan().SequenceEqual(_y))
                {
                    throw new InvalidOperationException($"The copy in pass order gives other bits than W's rows at sample {s} ({_units} units).");
                }
            }
        }

        private static T[] Values(int count, Random random)
        {
            var values = new T[count];
            for (int k = 0; k < count; k++)
            {
                values[k] = T.CreateTruncating(random.NextDouble() - 0.5);
            }

            return values;
        }
    }
}
