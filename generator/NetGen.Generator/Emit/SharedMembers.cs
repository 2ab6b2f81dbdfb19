using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// The members every network class has, whatever its shape: the sizes and the interface's size properties, the
/// constructors, the learning rate, and the public entry points (Forward, Predict, ComputeGradients, TrainStep,
/// Train), which check their arguments with NetGen.Runtime.ShapeGuard and call the shape's private methods.
/// </summary>
internal static class SharedMembers
{
    private const string Guard = "global::NetGen.Runtime.ShapeGuard";

    /// <summary>
    /// The interface the class declares: <c>INetwork</c> for double (which is <c>INetwork&lt;double&gt;</c> under the
    /// tutorial's name), <c>INetwork&lt;float&gt;</c> for float.
    /// </summary>
    public static string Interface(EmitContext context) => context.Single ? "global::NetGen.INetwork<float>" : "global::NetGen.INetwork";

    public static void WriteSizes(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        NetworkGeometry net = context.Net;
        w.Line("/// <summary>The number of inputs of one sample.</summary>");
        context.GeneratedCode();
        w.Line("public const int InputSize = " + Int(net.Size(0)) + ";");
        w.Line();
        w.Line("/// <summary>The number of outputs of one sample.</summary>");
        context.GeneratedCode();
        w.Line("public const int OutputSize = " + Int(net.Size(net.Layers)) + ";");
        w.Line();
        string sum = string.Join(" + ", Enumerable.Range(1, net.Layers).Select(net.Layer)
            .Select(layer => "(" + Int(layer.Inputs) + " · " + Int(layer.Units) + " + " + Int(layer.Units) + ")"));
        w.Line("/// <summary>The number of weights and biases: " + sum + ".</summary>");
        context.GeneratedCode();
        w.Line("public const int ParameterCount = " + Int(net.ParameterCount) + ";");
        w.Line();
        w.Line("/// <summary>Input size, hidden sizes, output size.</summary>");
        w.Line("private static readonly int[] __LayerSizes = { " + string.Join(", ", net.Sizes.Select(Int)) + " };");
        w.Line();
        foreach (string size in new[] { "InputSize", "OutputSize", "ParameterCount" })
        {
            w.Line();
            w.Line("int global::NetGen.INetwork<" + context.Number + ">." + size + " => " + size + ";");
        }
    }

    public static void WriteConstructors(EmitContext context, ShapeEmitter shape)
    {
        IndentedWriter w = context.Writer;
        NetworkModel model = context.Model;
        string initializer = model.Initializer.ToString();
        string weights = InitializerText(model.Initializer);
        w.Line();
        w.Line("/// <summary>Creates the network with the attribute's seed (" + Int(model.Seed) + "): weights " + weights + ", biases 0.</summary>");
        context.GeneratedCode();
        w.Line("public " + model.ClassName + "()");
        w.Line("    : this(" + Int(model.Seed) + ")");
        using (w.Block())
        {
        }

        string reference = "new ReferenceNetwork(new[] { " + string.Join(", ", context.Net.Sizes.Select(Int)) + " }, seed: seed"
            + (model.Initializer == Initializer.StandardNormal ? string.Empty : ", initializer: Initializer." + initializer) + ")";
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Creates the network with weights " + weights + " drawn by <see cref=\"global::NetGen.NormalSampler\"/> started at");
        w.Line("/// <paramref name=\"seed\"/>, in the flat parameter order, and biases 0 (the same as");
        w.Line("/// <c>" + reference + "</c>" + (context.Single ? ", rounded to float" : string.Empty) + ").");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">The initialisation seed.</param>");
        context.GeneratedCode();
        w.Line("public " + model.ClassName + "(int seed)");
        using (w.Block())
        {
            w.Line("__learningRate = " + context.Literal(model.LearningRate) + ";");
            shape.WriteInitialization("global::NetGen.Initializer." + initializer);
        }
    }

    public static void WriteLearningRate(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        w.Line();
        w.Line("/// <inheritdoc />");
        context.GeneratedCode();
        w.Line("public " + context.Number + " LearningRate");
        using (w.Block())
        {
            w.Line("get => __learningRate;");
            w.Line("set");
            using (w.Block())
            {
                w.Line(Guard + ".LearningRate(value);");
                w.Line("__learningRate = value;");
            }
        }
    }

    /// <summary>Forward, Predict, ComputeGradients, TrainStep and Train: argument checks, then the shape's private methods.</summary>
    public static void WriteEntryPoints(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number, span = context.SpanType, readOnlySpan = context.ReadOnlySpanType;
        string batch = "int samples = " + Guard + ".BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));";

        Member(context, "public void Forward(" + readOnlySpan + " input, " + span + " output)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(input.Length, InputSize, nameof(input), \"InputSize\");");
            w.Line(Guard + ".ExactLength(output.Length, OutputSize, nameof(output), \"OutputSize\");");
            w.Line("__Forward(input, output);");
        }

        Member(context, "public void Predict(" + readOnlySpan + " inputs, " + span + " outputs)");
        using (w.Block())
        {
            w.Line("int samples = " + Guard + ".BatchSize(inputs.Length, InputSize, outputs.Length, OutputSize, nameof(outputs));");
            w.Line("for (int s = 0; s < samples; s++)");
            using (w.Block())
            {
                w.Line("__Forward(inputs.Slice(s * InputSize, InputSize), outputs.Slice(s * OutputSize, OutputSize));");
            }
        }

        Member(context, "public " + number + " ComputeGradients(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, " + span + " gradients)");
        using (w.Block())
        {
            w.Line(batch);
            w.Line(Guard + ".ExactLength(gradients.Length, ParameterCount, nameof(gradients), \"ParameterCount\");");
            w.Line("return __Backpropagate(inputs, targets, samples, gradients);");
        }

        Member(context, "public " + number + " TrainStep(" + readOnlySpan + " inputs, " + readOnlySpan + " targets)");
        using (w.Block())
        {
            w.Line(batch);
            w.Line("return __Step(inputs, targets, samples);");
        }

        Member(context, "public " + number + " Train(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, int iterations)");
        using (w.Block())
        {
            w.Line(batch);
            w.Line(Guard + ".Iterations(iterations);");
            w.Line(number + " loss = " + context.Zero + ";");
            w.Line("for (int i = 0; i < iterations; i++)");
            using (w.Block())
            {
                w.Line("loss = __Step(inputs, targets, samples);");
            }

            w.Line();
            w.Line("return loss;");
        }
    }

    /// <summary>GetParameters and SetParameters' argument checks and signatures, around the shape's copies.</summary>
    public static void WriteParameterAccess(EmitContext context, System.Action get, System.Action set)
    {
        IndentedWriter w = context.Writer;
        Member(context, "public void GetParameters(" + context.SpanType + " destination)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(destination.Length, ParameterCount, nameof(destination), \"ParameterCount\");");
            get();
        }

        Member(context, "public void SetParameters(" + context.ReadOnlySpanType + " source)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(source.Length, ParameterCount, nameof(source), \"ParameterCount\");");
            set();
        }
    }

    /// <summary>A blank line, <c>&lt;inheritdoc /&gt;</c>, the <c>[GeneratedCode]</c> attribute and the signature of an interface member.</summary>
    private static void Member(EmitContext context, string signature)
    {
        context.Writer.Line();
        context.Writer.Line("/// <inheritdoc />");
        context.GeneratedCode();
        context.Writer.Line(signature);
    }

    private static string InitializerText(Initializer initializer) => initializer switch
    {
        Initializer.Xavier => "~ N(0, 2 / (fan_in + fan_out)) (Xavier)",
        Initializer.He => "~ N(0, 2 / fan_in) (He)",
        _ => "~ N(0, 1)",
    };
}
