#if NETGEN_PORTABLE
// What the .NET Standard 2.1 build (Unity, Mono) needs from newer .NET, written here so the shared sources compile
// unchanged: the record and init support type, and static members newer .NET added to old types, as C# 14 extension
// members (resolved at compile time; nothing of them exists at run time).
using System.IO;
using System.Runtime.CompilerServices;

namespace System.Runtime.CompilerServices
{
    /// <summary>Records and init accessors need this type, which .NET Standard 2.1 does not have.</summary>
    internal static class IsExternalInit
    {
    }

    /// <summary>Lets a parameter take the text of another argument (ArgumentNullException.ThrowIfNull's name).</summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    internal sealed class CallerArgumentExpressionAttribute : Attribute
    {
        public CallerArgumentExpressionAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }
    }
}

namespace NetGen
{
    using System;
    using System.Buffers.Binary;
    using System.Collections.Generic;
    using System.Linq;
    using System.Text;

    /// <summary>The members of newer .NET that the shared sources use, for the .NET Standard 2.1 build.</summary>
    internal static class PortablePolyfills
    {
        extension(ArgumentNullException)
        {
            /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="argument"/> is null.</summary>
            public static void ThrowIfNull(object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null)
                {
                    throw new ArgumentNullException(paramName);
                }
            }
        }

        extension(ArgumentException)
        {
            /// <summary>Throws when <paramref name="argument"/> is null or empty.</summary>
            public static void ThrowIfNullOrEmpty(string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null)
                {
                    throw new ArgumentNullException(paramName);
                }

                if (argument.Length == 0)
                {
                    throw new ArgumentException("The value cannot be an empty string.", paramName);
                }
            }
        }

        extension(ArgumentOutOfRangeException)
        {
            /// <summary>Throws when <paramref name="value"/> is negative.</summary>
            public static void ThrowIfNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
            {
                if (value < 0)
                {
                    throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be non-negative.");
                }
            }
        }

        extension(ArgumentOutOfRangeException)
        {
            /// <summary>Throws when <paramref name="value"/> is below <paramref name="other"/>.</summary>
            public static void ThrowIfLessThan<T>(T value, T other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
                where T : IComparable<T>
            {
                if (value.CompareTo(other) < 0)
                {
                    throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be at least {other}.");
                }
            }
        }

        extension(Math)
        {
            /// <summary>The 128-bit product of two 64-bit numbers: the high half returned, the low half in <paramref name="low"/>.</summary>
            public static ulong BigMul(ulong a, ulong b, out ulong low)
            {
                ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
                ulong lowLow = aLow * bLow, highLow = aHigh * bLow, lowHigh = aLow * bHigh, highHigh = aHigh * bHigh;
                ulong middle = (lowLow >> 32) + (uint)highLow + (uint)lowHigh;
                low = (middle << 32) | (uint)lowLow;
                return highHigh + (highLow >> 32) + (lowHigh >> 32) + (middle >> 32);
            }
        }

        extension(System.Diagnostics.Stopwatch)
        {
            /// <summary>The time since the timestamp <paramref name="start"/> (Stopwatch.GetTimestamp).</summary>
            public static TimeSpan GetElapsedTime(long start) => GetElapsedTime(start, System.Diagnostics.Stopwatch.GetTimestamp());

            /// <summary>The time between two timestamps.</summary>
            public static TimeSpan GetElapsedTime(long start, long end) =>
                new((long)((end - start) * ((double)TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)));
        }

        extension(Convert)
        {
            /// <summary>The bytes as upper-case hexadecimal digits.</summary>
            public static string ToHexString(ReadOnlySpan<byte> bytes)
            {
                var text = new StringBuilder(bytes.Length * 2);
                foreach (byte b in bytes)
                {
                    text.Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
                }

                return text.ToString();
            }

            /// <summary>The bytes as upper-case hexadecimal digits.</summary>
            public static string ToHexString(byte[] bytes) => ToHexString((ReadOnlySpan<byte>)bytes);
        }

        extension(BinaryPrimitives)
        {
            /// <summary>Writes a double, little-endian.</summary>
            public static void WriteDoubleLittleEndian(Span<byte> destination, double value) =>
                BinaryPrimitives.WriteInt64LittleEndian(destination, BitConverter.DoubleToInt64Bits(value));

            /// <summary>Writes a float, little-endian.</summary>
            public static void WriteSingleLittleEndian(Span<byte> destination, float value) =>
                BinaryPrimitives.WriteInt32LittleEndian(destination, BitConverter.SingleToInt32Bits(value));

            /// <summary>Reads a little-endian double.</summary>
            public static double ReadDoubleLittleEndian(ReadOnlySpan<byte> source) =>
                BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(source));

            /// <summary>Reads a little-endian float.</summary>
            public static float ReadSingleLittleEndian(ReadOnlySpan<byte> source) =>
                BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source));

            /// <summary>Reads a little-endian IEEE half-precision number, exactly, as a double (.NET Standard has no Half).</summary>
            public static double ReadHalfLittleEndian(ReadOnlySpan<byte> source)
            {
                int bits = BinaryPrimitives.ReadUInt16LittleEndian(source);
                int exponent = (bits >> 10) & 0x1F;
                int fraction = bits & 0x3FF;
                double magnitude = exponent == 0x1F
                    ? (fraction == 0 ? double.PositiveInfinity : double.NaN)
                    : exponent == 0 ? fraction * (1.0 / 16777216.0) // subnormal: fraction · 2^−24
                    : (1024 + fraction) * Math.Pow(2, exponent - 25); // (1 + f/2^10) · 2^(e − 15), exact
                return (bits & 0x8000) != 0 ? -magnitude : magnitude;
            }
        }

        extension<T>(IEnumerable<T> source)
        {
            /// <summary>The elements in ascending order (.NET 7's Enumerable.Order).</summary>
            public IOrderedEnumerable<T> Order(IComparer<T> comparer) => source.OrderBy(item => item, comparer);
        }

        extension(Array)
        {
            /// <summary>The most elements an array may hold (.NET's Array.MaxLength).</summary>
            public static int MaxLength => 0x7FFFFFC7;
        }

        extension(string)
        {
            /// <summary>An interpolated string formatted with <paramref name="provider"/>.</summary>
            public static string Create(IFormatProvider? provider, FormattableString text) => text.ToString(provider);
        }

        extension(Enum)
        {
            /// <summary>Whether <paramref name="value"/> is a named value of its enum.</summary>
            public static bool IsDefined<TEnum>(TEnum value)
                where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
        }

        extension(OperatingSystem)
        {
            /// <summary>Whether the process runs on Windows.</summary>
            public static bool IsWindows() => Environment.OSVersion.Platform == PlatformID.Win32NT;
        }

        extension(File)
        {
            /// <summary>Moves a file, replacing the destination where <paramref name="overwrite"/> is true.</summary>
            public static void Move(string sourceFileName, string destFileName, bool overwrite)
            {
                if (overwrite && File.Exists(destFileName))
                {
                    File.Replace(sourceFileName, destFileName, null);
                }
                else
                {
                    File.Move(sourceFileName, destFileName);
                }
            }
        }
    }
}
#endif
