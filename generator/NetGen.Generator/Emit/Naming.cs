using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// The names in generated code, in one place so both code shapes and the straight-line layers speak alike: a value
/// has the same name wherever it is computed. Layers are numbered from 1 (layer 0 is the input), inputs <c>i</c> and
/// units <c>j</c> from 0:
/// <list type="bullet">
/// <item><c>__w{l}_{i}_{j}</c>, <c>__b{l}_{j}</c>: the fields of the unrolled shape, the weight of layer l from input i
/// to unit j and unit j's bias (W_l is inputs x units, the tutorial's layout); in the loop shape, the block's
/// W_l starts at <c>__W{l}Offset</c> and b_l at <c>__B{l}Offset</c>.</item>
/// <item><c>w{l}_{i}_{j}</c>, <c>b{l}_{j}</c>: the same parameters read into locals (straight-line layer methods).</item>
/// <item><c>gw{l}_{i}_{j}</c>, <c>gb{l}_{j}</c>: their gradients, summed over a batch; <c>lw…</c>, <c>lb…</c> the same sums
/// kept per lane of a vector.</item>
/// <item><c>x_{i}</c>: input i; <c>z{l}_{j}</c>: unit j's pre-activation (or, for a long sum, its running sum);
/// <c>a{l}_{j}</c>: its activation; <c>v{l}_{k}</c>: the activations of up to a vector's width of units, computed
/// together; <c>e_{j}</c>: the output error; <c>d{l}_{j}</c>: δ, the gradient of the loss with respect to
/// <c>z{l}_{j}</c>; <c>r{l}_{j}</c>: the running sum <c>Σ_k w{l+1}_{j}_{k} · d{l+1}_{k}</c> that δ is made of.</item>
/// <item>Whole layers: <c>x</c>, <c>a{l}</c>, <c>d{l}</c> (in comments, and the loop shape's spans over a chunk of
/// samples, kept in fields <c>__a{l}</c>, <c>__d{l}</c>); the output layer's logits, where the loss takes them, are
/// <c>z{L}</c> in both shapes (the loop shape's <c>__z{L}</c>); <c>__t{l}</c> is W_l transposed; <c>__Forward{l}</c>
/// and <c>__Backward{l}</c> are layer l's straight-line methods.</item>
/// <item><c>__Vector</c>, <c>__Vector256</c>, <c>__Dense</c>, ...: the file's aliases (<see cref="FileAliases"/>).</item>
/// </list>
/// Generated private members start with two underscores so they cannot meet a user's.
/// </summary>
internal static class Naming
{
    /// <summary>The field of the weight from input <paramref name="input"/> to unit <paramref name="unit"/> of layer <paramref name="layer"/>.</summary>
    public static string Weight(int layer, int input, int unit) => "__w" + Int(layer) + "_" + Int(input) + "_" + Int(unit);

    /// <summary>The field of unit <paramref name="unit"/>'s bias in layer <paramref name="layer"/>.</summary>
    public static string Bias(int layer, int unit) => "__b" + Int(layer) + "_" + Int(unit);

    /// <summary>The field of a parameter.</summary>
    public static string Field(ParameterPosition p) => p.IsBias ? Bias(p.Layer, p.Unit) : Weight(p.Layer, p.Input, p.Unit);

    /// <summary>The gradient accumulator of a parameter: <c>gw1_0_2</c> for <c>__w1_0_2</c>, <c>gb1_0</c> for <c>__b1_0</c>.</summary>
    public static string Gradient(ParameterPosition p) => "g" + Field(p).Substring(2);

    /// <summary>The per-lane gradient accumulator of a parameter: <c>lw1_0_2</c> for <c>__w1_0_2</c>.</summary>
    public static string LaneGradient(ParameterPosition p) => "l" + Field(p).Substring(2);

    /// <summary>Unit <paramref name="unit"/>'s activation in layer <paramref name="layer"/>; layer 0 is the input, <c>x_i</c>.</summary>
    public static string Activation(int layer, int unit) => (layer == 0 ? "x_" : "a" + Int(layer) + "_") + Int(unit);

    /// <summary>Unit <paramref name="unit"/>'s pre-activation in layer <paramref name="layer"/>: <c>z{l}_{j}</c>.</summary>
    public static string PreActivation(int layer, int unit) => "z" + Int(layer) + "_" + Int(unit);

    /// <summary>The vector of activations for units <c>4k</c>.. (doubles) or <c>8k</c>.. (floats) of a layer.</summary>
    public static string UnitVector(int layer, int k) => "v" + Int(layer) + "_" + Int(k);

    /// <summary>Unit <paramref name="unit"/>'s δ in layer <paramref name="layer"/>: <c>d{l}_{j}</c>.</summary>
    public static string Delta(int layer, int unit) => "d" + Int(layer) + "_" + Int(unit);

    /// <summary>The sum that unit <paramref name="unit"/>'s δ in layer <paramref name="layer"/> is made of: <c>r{l}_{j}</c>.</summary>
    public static string BackSum(int layer, int unit) => "r" + Int(layer) + "_" + Int(unit);

    /// <summary>Output <paramref name="unit"/>'s error <c>e_j = y_j − t_j</c>.</summary>
    public static string Error(int unit) => "e_" + Int(unit);

    /// <summary>Layer <paramref name="layer"/>'s input as a whole (<c>x</c> or <c>a{l−1}</c>), in comments and the loop shape's spans.</summary>
    public static string Below(int layer) => layer == 1 ? "x" : "a" + Int(layer - 1);

    /// <summary>Layer <paramref name="layer"/>'s activations as a whole: <c>a{l}</c>.</summary>
    public static string Activations(int layer) => "a" + Int(layer);

    /// <summary>A layer's pre-activations over a chunk (loop shape), kept where its activation's derivative is written from z: <c>z2</c>.</summary>
    public static string PreActivations(int layer) => "z" + Int(layer);

    /// <summary>Layer <paramref name="layer"/>'s δ as a whole: <c>d{l}</c>.</summary>
    public static string Deltas(int layer) => "d" + Int(layer);

    /// <summary>The straight-line forward method of layer <paramref name="layer"/>.</summary>
    public static string ForwardMethod(int layer) => "__Forward" + Int(layer);

    /// <summary>The straight-line backward method of layer <paramref name="layer"/>.</summary>
    public static string BackwardMethod(int layer) => "__Backward" + Int(layer);

    /// <summary>The local that holds a weight (<c>w{l}_{i}_{j}</c>) or a bias (<c>b{l}_{j}</c>) read from the parameter block.</summary>
    public static string Local(ParameterPosition p) => Field(p).Substring(2);

    /// <summary>The constant that holds where W_l starts in the loop shape's parameter block.</summary>
    public static string WeightOffset(int layer) => "__W" + Int(layer) + "Offset";

    /// <summary>The constant that holds where b_l starts in the loop shape's parameter block.</summary>
    public static string BiasOffset(int layer) => "__B" + Int(layer) + "Offset";

    /// <summary>The file's alias of <c>Vector256&lt;T&gt;</c> for the network's number type.</summary>
    public const string Vector = FileAliases.Vector;

    /// <summary>The file's alias of the static class <c>Vector256</c> (Create, Sum, IsHardwareAccelerated).</summary>
    public const string Vectors = FileAliases.Vectors;
}
