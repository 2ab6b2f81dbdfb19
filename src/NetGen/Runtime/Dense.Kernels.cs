using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Runtime;

public static partial class Dense
{
    /// <summary>
    /// The operands of an element-by-element kernel (<see cref="IKernel"/>): up to four spans, by reference to their
    /// first elements, up to seven scalars, the length, and the number of samples the elements are. A kernel reads only
    /// what it documents. Internal so that an activation's home (<see cref="IActivationHome"/>) takes its kernels' operands.
    /// </summary>
    internal ref struct Operands<T>
        where T : unmanaged
    {
        public ref T A;
        public ref T B;
        public ref T C;
        public ref T D;
        public T S0;
        public T S1;
        public T S2;
        public T S3;
        public T S4;
        public T S5;
        public T S6;
        public int Length;
        public int Samples;

        /// <summary>True for a network declared <c>Deterministic = true</c>: the kernel runs on <see cref="PortableLanes{TV, TL, T}"/>.</summary>
        public bool Deterministic;
    }

    /// <summary>
    /// An element-by-element kernel at one width: from element <c>k</c> on, as far as whole vectors go; returns the
    /// first element not done. Every element is computed by the same expression at every width.
    /// </summary>
    private interface IKernel
    {
        /// <summary>True where the kernel calls exp: it then runs its vector widths only where the runtime has a vector exp.</summary>
        static abstract bool UsesExp { get; }

        static abstract int Run<TV, TL, T>(ref Operands<T> o, int k)
            where TL : struct, ILanes<TV, T>
            where T : unmanaged, IBinaryFloatingPointIeee754<T>;
    }

    /// <summary>
    /// Runs a kernel over <see cref="Operands{T}.Length"/> elements at every accelerated width, widest first, then the
    /// scalar tail; for a deterministic network (<see cref="Operands{T}.Deterministic"/>) on <see cref="PortableLanes{TV, TL, T}"/>,
    /// whose exp is vectorised at every width.
    /// </summary>
    private static void Run<TKernel, T>(ref Operands<T> o)
        where TKernel : struct, IKernel
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (o.Deterministic)
        {
            RunPortable<TKernel, T>(ref o);
            return;
        }

        int k = 0;
        if (!TKernel.UsesExp || Lanes256<T>.HasVectorExp)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                k = TKernel.Run<Vector512<T>, Lanes512<T>, T>(ref o, k);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                k = TKernel.Run<Vector256<T>, Lanes256<T>, T>(ref o, k);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                k = TKernel.Run<Vector128<T>, Lanes128<T>, T>(ref o, k);
            }
        }

        TKernel.Run<T, Scalar<T>, T>(ref o, k);
    }

    /// <summary><see cref="Run{TKernel, T}"/> for a deterministic network: every width, each with NetGen's own exp.</summary>
    private static void RunPortable<TKernel, T>(ref Operands<T> o)
        where TKernel : struct, IKernel
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            k = TKernel.Run<Vector512<T>, PortableLanes<Vector512<T>, Lanes512<T>, T>, T>(ref o, k);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            k = TKernel.Run<Vector256<T>, PortableLanes<Vector256<T>, Lanes256<T>, T>, T>(ref o, k);
        }

        if (Vector128.IsHardwareAccelerated)
        {
            k = TKernel.Run<Vector128<T>, PortableLanes<Vector128<T>, Lanes128<T>, T>, T>(ref o, k);
        }

        TKernel.Run<T, PortableLanes<T, Scalar<T>, T>, T>(ref o, k);
    }

    /// <summary>The natural logarithm of the scalar code: NetGen's own for a deterministic network, the platform's otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Log<T>(T x, bool deterministic)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!deterministic)
        {
            return T.Log(x);
        }

        return typeof(T) == typeof(float)
            ? T.CreateTruncating(PortableMath.Log(float.CreateTruncating(x)))
            : T.CreateTruncating(PortableMath.Log(double.CreateTruncating(x)));
    }

    /// <summary>A choice fixed per call and compiled into a kernel's copy (struct type arguments), so its loop does not test it.</summary>
    private interface IFlag
    {
        static abstract bool On { get; }
    }

    private readonly struct Yes : IFlag
    {
        public static bool On => true;
    }

    private readonly struct No : IFlag
    {
        public static bool On => false;
    }

    /// <summary>A kernel's scalar, for a literal in <typeparamref name="T"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Of<T>(double value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(value);
}
