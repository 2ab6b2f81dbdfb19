using System;
using Xunit;

namespace NetGen.Tests;

public class ActivationTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1000.0, 1.0)]
    [InlineData(-1000.0, 0.0)]
    [InlineData(800.0, 1.0)]
    [InlineData(-800.0, 0.0)]
    public void Sigmoid_is_finite_for_any_input(double z, double expected)
    {
        double a = Activations.Sigmoid(z);
        Assert.False(double.IsNaN(a));
        Assert.Equal(expected, a, 15);
    }

    [Fact]
    public void Sigmoid_matches_the_textbook_formula_where_that_is_safe()
    {
        for (double z = -30; z <= 30; z += 0.37)
        {
            double textbook = 1.0 / (1.0 + Math.Exp(-z));
            Assert.True(Math.Abs(Activations.Sigmoid(z) - textbook) <= 1e-15, $"z = {z}");
        }
    }

    [Fact]
    public void Sigmoid_keeps_small_outputs_accurate()
    {
        // e^-40 / (1 + e^-40): the naive 1 / (1 + e^40) is also fine here; far below, only the stable form is exact.
        Assert.Equal(Math.Exp(-745.0), Activations.Sigmoid(-745.0));
    }
}
