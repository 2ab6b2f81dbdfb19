using System;
using System.Globalization;
using System.Text;

namespace NetGen.Reference;

/// <summary>
/// A small dense row-major matrix of doubles: just the operations the tutorial's numpy code uses
/// (<c>np.dot</c>, <c>.T</c>, element-wise products, sums). Written for clarity, not speed; it is the oracle.
/// </summary>
public sealed class Matrix
{
    private readonly double[] _data;

    /// <summary>A <paramref name="rows"/> x <paramref name="columns"/> matrix of zeros.</summary>
    public Matrix(int rows, int columns)
    {
        if (rows < 1 || columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"A matrix needs at least 1 x 1; got {rows} x {columns}.");
        }

        Rows = rows;
        Columns = columns;
        _data = new double[checked(rows * columns)];
    }

    /// <summary>The number of rows.</summary>
    public int Rows { get; }

    /// <summary>The number of columns.</summary>
    public int Columns { get; }

    /// <summary>The element in row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double this[int row, int column]
    {
        get => _data[Index(row, column)];
        set => _data[Index(row, column)] = value;
    }

    /// <summary>The elements, row-major.</summary>
    public Span<double> AsSpan() => _data;

    /// <summary><c>np.dot(a, b)</c>: the matrix product <c>a · b</c>.</summary>
    public static Matrix Dot(Matrix a, Matrix b) => Dot(a, b, fusedMultiplyAdd: false);

    /// <summary>
    /// The matrix product <c>a · b</c>, each element summed over k in order from 0. With
    /// <paramref name="fusedMultiplyAdd"/> every step is <c>Math.FusedMultiplyAdd(a[i, k], b[k, j], sum)</c> (one
    /// rounding, as BLAS kernels and NetGen's loop-shaped double networks compute it); without, a multiplication
    /// and an addition (two roundings).
    /// </summary>
    public static Matrix Dot(Matrix a, Matrix b, bool fusedMultiplyAdd)
    {
        if (a.Columns != b.Rows)
        {
            throw new ArgumentException($"Cannot multiply {a.Rows} x {a.Columns} by {b.Rows} x {b.Columns}.");
        }

        var c = new Matrix(a.Rows, b.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < b.Columns; j++)
            {
                double sum = 0.0;
                for (int k = 0; k < a.Columns; k++)
                {
                    sum = fusedMultiplyAdd ? Math.FusedMultiplyAdd(a[i, k], b[k, j], sum) : sum + (a[i, k] * b[k, j]);
                }

                c[i, j] = sum;
            }
        }

        return c;
    }

    /// <summary><c>m.T</c>: the transpose.</summary>
    public Matrix T()
    {
        var t = new Matrix(Columns, Rows);
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                t[j, i] = this[i, j];
            }
        }

        return t;
    }

    /// <summary>Applies <paramref name="f"/> to every element, giving a new matrix.</summary>
    public Matrix Map(Func<double, double> f)
    {
        var r = new Matrix(Rows, Columns);
        for (int k = 0; k < _data.Length; k++)
        {
            r._data[k] = f(_data[k]);
        }

        return r;
    }

    /// <summary>Combines two matrices of the same shape element by element.</summary>
    public static Matrix Zip(Matrix a, Matrix b, Func<double, double, double> f)
    {
        RequireSameShape(a, b);
        var r = new Matrix(a.Rows, a.Columns);
        for (int k = 0; k < a._data.Length; k++)
        {
            r._data[k] = f(a._data[k], b._data[k]);
        }

        return r;
    }

    /// <summary><c>a + b</c> where <paramref name="column"/> (rows x 1) is broadcast over every column of <paramref name="a"/>, as numpy does.</summary>
    public static Matrix AddColumn(Matrix a, Matrix column)
    {
        if (column.Rows != a.Rows || column.Columns != 1)
        {
            throw new ArgumentException($"Cannot broadcast {column.Rows} x {column.Columns} over {a.Rows} x {a.Columns}.");
        }

        var r = new Matrix(a.Rows, a.Columns);
        for (int i = 0; i < a.Rows; i++)
        {
            for (int j = 0; j < a.Columns; j++)
            {
                r[i, j] = a[i, j] + column[i, 0];
            }
        }

        return r;
    }

    /// <summary><c>np.sum(m, axis=1, keepdims=True)</c>: the sum of each row, as a column.</summary>
    public Matrix SumRows()
    {
        var r = new Matrix(Rows, 1);
        for (int i = 0; i < Rows; i++)
        {
            double sum = 0.0;
            for (int j = 0; j < Columns; j++)
            {
                sum += this[i, j];
            }

            r[i, 0] = sum;
        }

        return r;
    }

    /// <summary><c>np.sum(m)</c>: the sum of every element.</summary>
    public double Sum()
    {
        double sum = 0.0;
        foreach (double x in _data)
        {
            sum += x;
        }

        return sum;
    }

    /// <summary>Subtracts <paramref name="scale"/> * <paramref name="other"/> in place (the gradient-descent update).</summary>
    public void SubtractScaled(double scale, Matrix other)
    {
        RequireSameShape(this, other);
        for (int k = 0; k < _data.Length; k++)
        {
            _data[k] -= scale * other._data[k];
        }
    }

    /// <summary>The matrix as rows of invariant-culture numbers, for test messages.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < Rows; i++)
        {
            sb.Append('[');
            for (int j = 0; j < Columns; j++)
            {
                sb.Append(j == 0 ? string.Empty : ", ").Append(this[i, j].ToString("R", CultureInfo.InvariantCulture));
            }

            sb.Append(']').AppendLine();
        }

        return sb.ToString();
    }

    private int Index(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside a {Rows} x {Columns} matrix.");
        }

        return row * Columns + column;
    }

    private static void RequireSameShape(Matrix a, Matrix b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns)
        {
            throw new ArgumentException($"Shapes differ: {a.Rows} x {a.Columns} and {b.Rows} x {b.Columns}.");
        }
    }
}
