using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// The members every network class has, whatever its shape: the sizes and the interface's size properties, the
/// constructors, the learning rate, and the public entry points (Forward, Predict, ComputeGradients, TrainStep,
/// Train), which check their arguments with NetGen.Runtime.ShapeGuard and call the shape's private methods.
/// </summary>
internal static partial class SharedMembers
{
    private const string Guard = FileAliases.Guard;

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
        w.Comment(
            "/// ",
            "Creates the network with weights " + weights + " drawn by <see cref=\"global::NetGen.NormalSampler\"/> started at <paramref name=\"seed\"/>,"
            + " in the flat parameter order, and biases 0 (the same as <c>" + reference + "</c>" + (context.Single ? ", rounded to float" : string.Empty) + ").");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"seed\">The initialisation seed.</param>");
        context.GeneratedCode();
        w.Line("public " + model.ClassName + "(int seed)");
        using (w.Block())
        {
            w.Line("__learningRate = " + context.Literal(model.LearningRate) + ";");
            shape.WriteInitialization("global::NetGen.Initializer." + initializer);
            DropoutText.WriteStart(context);
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

    /// <summary>
    /// The check every training step makes between its backward pass and its update: a loss or a gradient that is not
    /// finite (a learning rate that diverges) stops the step with TrainingDivergedException before anything changes, so no
    /// step writes a NaN or an infinity computed from them into the parameters or the optimizer state.
    /// </summary>
    public static void WriteDivergenceGuard(EmitContext context, string loss, string gradient)
    {
        IndentedWriter w = context.Writer;
        string number = context.Single ? "global::System.Single" : "global::System.Double";
        w.Line("// A loss or gradient that is NaN or infinite stops the step here, before the update: nothing has changed yet.");
        w.Line("if (!" + number + ".IsFinite(" + loss + ") || !" + FileAliases.Dense + ".AllFinite<" + context.Number + ">(" + gradient + "))");
        using (w.Block())
        {
            w.Line("throw " + Guard + ".StepDiverged(" + StepCount + " + 1, " + loss + ");");
        }

        w.Line();
    }

    /// <summary>
    /// The private end of a training step that both shapes write and both <c>__Step</c> and the sharded steps call, with
    /// the step's loss and gradient: <c>private void __Apply(T loss, ReadOnlySpan&lt;T&gt; gradient)</c>, the divergence
    /// guard and then the optimizer's update of every parameter.
    /// </summary>
    public const string Apply = "__Apply";

    /// <summary>
    /// The backward pass's arguments after its gradient: the reduction's factor for a step of <paramref name="stepSamples"/>
    /// samples (an int expression) where the network takes a mean, then for a network with dropout whether this is a
    /// training step and the code of its first sample's index in the step.
    /// </summary>
    public static string BackpropagateArguments(EmitContext context, string stepSamples, bool training, string firstSample = "0")
    {
        string? scale = context.Loss.Scale(context.Reduction, stepSamples, context.Net.Size(context.Net.Layers), context.Number);
        return (scale is null ? string.Empty : ", " + scale) + DropoutText.Argument(context, training, firstSample);
    }

    /// <summary>The documentation comment of both shapes' <c>__Backpropagate</c>.</summary>
    public static void WriteBackpropagateSummary(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        int outputs = context.Net.Size(context.Net.Layers);
        bool scaled = context.Loss.Scale(context.Reduction, "samples", outputs, context.Number) is not null;
        w.Line("/// <summary>");
        w.Line("/// The loss of a batch and its exact gradient, written to <paramref name=\"g\"/> (ParameterCount values, flat order,");
        w.Line("/// overwritten). Every gradient uses the weights as they are: nothing is updated here.");
        w.Line("/// </summary>");
        if (!scaled && !context.Model.HasDropout)
        {
            return;
        }

        w.Line("/// <remarks>");
        if (scaled)
        {
            w.Comment(
                "/// ",
                "<paramref name=\"scale\"/> is the mean's factor for the training step these samples belong to (1 over its sample count"
                + (context.Loss.EveryElement && outputs != 1 ? " times OutputSize" : string.Empty)
                + "), which multiplies every sample's loss and δ: a step computed in shards gives every shard the whole step's factor, so the"
                + " shards' losses and gradients add up to the step's.");
        }

        if (context.Model.HasDropout)
        {
            w.Comment(
                "/// ",
                "In a training step (<paramref name=\"dropout\"/>) sample s takes the masks of sample <paramref name=\"firstSample\"/> + s of the"
                + " step: 0 for a whole step, the shard's first sample for a shard of one.");
        }

        w.Line("/// </remarks>");
    }

    /// <summary>Forward, Predict, ComputeGradients, TrainStep and Train: argument checks, then the shape's private methods.</summary>
    public static void WriteEntryPoints(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number, span = context.SpanType, readOnlySpan = context.ReadOnlySpanType;
        string batch = "int samples = " + Guard + ".BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));";
        void Finite()
        {
            // Data that is NaN or infinite is refused, naming the sample and feature, before anything changes.
            w.Line(Guard + ".AllFinite(inputs, InputSize, nameof(inputs));");
            w.Line(Guard + ".AllFinite(targets, OutputSize, nameof(targets));");
        }


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
            Finite();
            w.Line("return __Backpropagate(inputs, targets, samples, gradients" + BackpropagateArguments(context, "samples", training: false) + ");");
        }

        Member(context, "public " + number + " TrainStep(" + readOnlySpan + " inputs, " + readOnlySpan + " targets)");
        using (w.Block())
        {
            w.Line(batch);
            Finite();
            w.Line("return __Step(inputs, targets, samples);");
        }

        Member(context, "public " + number + " Train(" + readOnlySpan + " inputs, " + readOnlySpan + " targets, int iterations)");
        using (w.Block())
        {
            w.Line(batch);
            w.Line(Guard + ".Iterations(iterations);");
            Finite();
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

    /// <summary>
    /// The optimizer's private update, which both shapes' <c>__Step</c> call with the parameters and their gradient in
    /// the flat order: <c>private void __Update(Span&lt;T&gt; parameters, ReadOnlySpan&lt;T&gt; gradient)</c>. Only a
    /// network whose optimizer is not plain gradient descent has it (<see cref="OptimizerModel.IsPlainSgd"/>).
    /// </summary>
    public const string Update = "__Update";

    /// <summary>The optimizer's state (none for plain gradient descent) and, for the cross-entropy, the one-hot rows of class labels.</summary>
    public static void WriteStateFields(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number;
        w.Line();
        w.Line("// The number of optimizer steps taken (t), kept for every optimizer so that a saved network says how far training went;");
        w.Line("// cleared by ResetOptimizer.");
        w.Line("private int " + StepCount + ";");
        OptimizerDescriptor text = context.OptimizerText;
        if (text.Buffers.Count > 0)
        {
            foreach (string line in text.FieldComment())
            {
                w.Line("// " + line);
            }

            foreach (OptimizerBuffer buffer in text.Buffers)
            {
                w.Line("private readonly " + number + "[] " + buffer.Field + " = " + Allocate(context) + ";");
            }
        }

        if (context.Loss.TakesClassLabels)
        {
            w.Line();
            w.Line("// The one-hot target rows of the last batch of class labels, grown to the largest batch seen (so batches of a size seen before");
            w.Line("// allocate nothing).");
            w.Line("private " + number + "[] " + LabelTargets + " = global::System.Array.Empty<" + number + ">();");
        }

        DropoutText.WriteField(context);
    }

    /// <summary>ResetOptimizer, and the optimizer's <c>__Update</c> unless it is plain gradient descent.</summary>
    public static void WriteOptimizer(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        OptimizerDescriptor optimizer = context.OptimizerText;
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Forgets the optimizer's state, as if the optimizer were new; the parameters and the learning rate are kept.");
        w.Line("/// " + optimizer.ResetText);
        w.Line("/// </summary>");
        context.GeneratedCode();
        w.Line("public void ResetOptimizer()");
        using (w.Block())
        {
            w.Line(StepCount + " = 0;");
            foreach (OptimizerBuffer buffer in optimizer.Buffers)
            {
                w.Line("global::System.Array.Clear(" + buffer.Field + ", 0, " + buffer.Field + ".Length);");
            }
        }

        if (optimizer.Model.IsPlainSgd)
        {
            return;
        }

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// One step of " + optimizer.TorchCall + " on <paramref name=\"parameters\"/>");
        w.Line("/// from their <paramref name=\"gradient\"/>, both ParameterCount values in the flat order, with lr the current learning rate:");
        foreach (string line in optimizer.UpdateRule())
        {
            w.Line("/// " + Literals.Xml(line));
        }

        w.Line("/// </summary>");
        context.GeneratedCode();
        w.Line("private void " + Update + "(" + context.SpanType + " parameters, " + context.ReadOnlySpanType + " gradient)");
        using (w.Block())
        {
            optimizer.WriteUpdate(context);
        }
    }

    /// <summary>Classify keeps the outputs on the stack up to this many values, and borrows from the array pool above.</summary>
    private const int StackOutputLimit = 1024;

    /// <summary>The field that counts the optimizer's steps, for every optimizer.</summary>
    public const string StepCount = "__t";
    private const string LabelTargets = "__labelTargets";
    private const string OneHot = FileAliases.ClassLabels + ".OneHot";

    /// <summary>A new array of ParameterCount values: pinned and aligned for the loop shape, whose parameter block is.</summary>
    private static string Allocate(EmitContext context) =>
        context.Loops ? FileAliases.Aligned + ".Allocate<" + context.Number + ">(ParameterCount)" : "new " + context.Number + "[ParameterCount]";

    /// <summary>The ParameterCount values of an array <see cref="Allocate"/> made, as an argument of a span parameter.</summary>
    public static string View(EmitContext context, string field) =>
        context.Loops ? FileAliases.Aligned + ".Span(" + field + ", ParameterCount)" : field;

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
