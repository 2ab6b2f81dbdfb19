using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// <c>IPersistentNetwork&lt;T&gt;</c>, in a second <c>partial</c> declaration of the class after the first: the
/// <c>Description</c> (from the attribute) and the optimizer state (the step count and the buffers SharedMembers
/// declares). With them, the runtime's extension methods (NetGen.NetworkExtensions: <c>Fit</c>, <c>Evaluate</c>,
/// <c>Save</c>, <c>Load</c>, <c>ImportSafetensors</c>, <c>ExportSafetensors</c>, <c>ExportOnnx</c>) serve every
/// network, written once in the runtime rather than in every generated class.
/// </summary>
internal static class PersistenceMembers
{
    /// <summary>The field that caches the description with the attribute's learning rate.</summary>
    private const string CachedDescription = "__description";

    private const string Description = "global::NetGen.NetworkDescription";
    private const string Layout = FileAliases.StateLayout;
    private const string Guard = FileAliases.Guard;

    /// <summary>The second partial declaration of the class with every member of this part.</summary>
    public static void Write(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        w.Line();
        w.Line("partial class " + context.Model.ClassName + " : global::NetGen.IPersistentNetwork<" + context.Number + ">");
        using (w.Block())
        {
            WriteDescription(context);
            WriteOptimizerState(context);
        }
    }

    /// <summary>The cached description and the <c>Description</c> property.</summary>
    private static void WriteDescription(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        NetworkModel model = context.Model;
        OptimizerModel optimizer = model.Optimizer;
        w.Line("/// <summary>");
        w.Line("/// The description with the attribute's learning rate, built on the first read of Description and kept: it is");
        w.Line("/// immutable, so every instance shares it (two threads may both build it; either result is the same).");
        w.Line("/// </summary>");
        w.Line("private static " + Description + "? " + CachedDescription + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Comment(
            "/// ",
            "What the network is, as its attribute declares it: layer sizes " + string.Join("-", context.Net.Sizes.Select(Int)) + "; activations "
            + string.Join(", ", model.Activations.Select(a => a.ToString())) + "; the " + model.Loss + " loss, " + model.Reduction + " over a batch; "
            + optimizer.Kind + " with the current <see cref=\"LearningRate\"/>; " + context.Number + ". A file loads into this network only if it holds"
            + " an equal description (apart from the learning rate, which it restores).");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// Allocates nothing while the learning rate is the attribute's (" + Number(model.LearningRate) + "), and one description per read");
        w.Line("/// after it has changed: the layer sizes, activations and hyper-parameters are built once and shared.");
        w.Line("/// </remarks>");
        context.GeneratedCode();
        w.Line("public " + Description + " Description");
        using (w.Block())
        {
            w.Line("get");
            using (w.Block())
            {
                w.Line(Description + " description = " + CachedDescription + " ??= new " + Description + "(");
                w.Line("    new[] { " + string.Join(", ", context.Net.Sizes.Select(Int)) + " },");
                w.Line("    new[] { " + string.Join(", ", model.Activations.Select(a => "global::NetGen.Activation." + a)) + " },");
                var arguments = new System.Collections.Generic.List<string>
                {
                    "loss: global::NetGen.Loss." + model.Loss,
                    "reduction: global::NetGen.Reduction." + model.Reduction,
                    "optimizer: global::NetGen.Optimizer." + optimizer.Kind,
                    // A float network's rate is the attribute's rounded to float, as the constructor sets it: the float
                    // literal widened to double keeps exactly that value.
                    "learningRate: " + context.Literal(model.LearningRate),
                };

                // Every further argument only where the network uses it, by name: the description fills in the
                // defaults of the others, which the parser gives a network that does not use them.
                OptimizerRule rule = context.OptimizerText.Rule;
                if (rule.Reads(HyperParameters.Momentum))
                {
                    arguments.Add("momentum: " + Number(optimizer.Momentum));
                }

                if (rule.Reads(HyperParameters.Nesterov))
                {
                    arguments.Add("nesterov: " + (optimizer.Nesterov ? "true" : "false"));
                }

                if (rule.Reads(HyperParameters.Beta1))
                {
                    arguments.Add("beta1: " + Number(optimizer.Beta1));
                }

                if (rule.Reads(HyperParameters.Beta2))
                {
                    arguments.Add("beta2: " + Number(optimizer.Beta2));
                }

                if (rule.Reads(HyperParameters.Epsilon))
                {
                    arguments.Add("epsilon: " + Number(optimizer.Epsilon));
                }

                if (rule.Reads(HyperParameters.WeightDecay))
                {
                    arguments.Add("weightDecay: " + Number(optimizer.WeightDecay));
                }

                arguments.Add("precision: global::NetGen.Precision." + model.Precision);
                // The activations' and the loss's own parameters, each where the network has it (its descriptor names it).
                arguments.AddRange(context.DistinctActivations.Select(a => a.DescriptionArgument(model)).OfType<string>());
                if (context.Loss.DescriptionArgument is { } lossArgument)
                {
                    arguments.Add(lossArgument);
                }

                if (rule.Reads(HyperParameters.Alpha))
                {
                    arguments.Add("alpha: " + Number(optimizer.Alpha));
                }

                if (model.HasDropout)
                {
                    arguments.Add("dropout: " + Number(model.Dropout));
                }

                for (int i = 0; i < arguments.Count; i++)
                {
                    w.Line("    " + arguments[i] + (i == arguments.Count - 1 ? ");" : ","));
                }

                w.Line();
                w.Line("// The same description itself while the rate is unchanged; otherwise a copy with the current rate.");
                w.Line("return description.WithLearningRate(__learningRate);");
            }
        }
    }

    /// <summary>
    /// The optimizer's state as one flat vector (NetGen.Runtime.OptimizerStateLayout): the step count t as two whole
    /// numbers, then the optimizer's buffers (<see cref="OptimizerDescriptor.Buffers"/>); its length, and its copy out and in.
    /// </summary>
    private static void WriteOptimizerState(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number;
        OptimizerModel optimizer = context.Optimizer;
        string[] buffers = context.OptimizerText.Buffers.Select(b => b.Field).ToArray();
        string what = context.OptimizerText.StateText;
        string length = buffers.Length == 0 ? Layout + ".StepCountLength" : Layout + ".StepCountLength + " + (buffers.Length == 1 ? string.Empty : Int(buffers.Length) + " * ") + "ParameterCount";
        bool dropout = context.Model.HasDropout;
        const string Stream = FileAliases.Dropout;
        if (dropout)
        {
            what += ", then the position of the dropout masks' stream (four whole numbers below 2^16)";
            length += " + " + Stream + ".StateLength";
        }

        w.Line();
        w.Line("/// <summary>The number of values in the optimizer state: " + Xml(what) + ".</summary>");
        context.GeneratedCode();
        w.Line("public int OptimizerStateLength => " + length + ";");
        w.Line();
        w.Line("/// <summary>");
        w.Comment(
            "/// ",
            "Copies the optimizer state into <paramref name=\"destination\"/>: " + Xml(what) + ". The step count is two whole numbers, t mod 2^24"
            + " and ⌊t / 2^24⌋, which float holds exactly.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"destination\">Exactly OptimizerStateLength values, overwritten.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The length is wrong.</exception>");
        context.GeneratedCode();
        w.Line("public void GetOptimizerState(" + context.SpanType + " destination)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(destination.Length, OptimizerStateLength, nameof(destination), \"OptimizerStateLength\");");
            w.Line(Layout + ".WriteStepCount<" + number + ">(destination, " + SharedMembers.StepCount + ");");
            for (int k = 0; k < buffers.Length; k++)
            {
                string buffer = context.Loops ? SharedMembers.View(context, buffers[k]) : "global::System.MemoryExtensions.AsSpan(" + buffers[k] + ")";
                w.Line(buffer + ".CopyTo(destination.Slice(" + Layout + ".StepCountLength" + (k == 0 ? string.Empty : " + " + (k == 1 ? string.Empty : Int(k) + " * ") + "ParameterCount") + ", ParameterCount));");
            }

            if (dropout)
            {
                w.Line(Stream + ".WriteState<" + number + ">(destination.Slice(OptimizerStateLength - " + Stream + ".StateLength), " + DropoutText.Position + ");");
            }
        }

        w.Line();
        w.Line("/// <summary>Replaces the optimizer state from <paramref name=\"source\"/>, laid out as GetOptimizerState writes it, once all of it is checked.</summary>");
        w.Line("/// <param name=\"source\">Exactly OptimizerStateLength values.</param>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">The length is wrong, or a value cannot be part of this optimizer's state (the message says which); nothing is changed.</exception>");
        context.GeneratedCode();
        w.Line("public void SetOptimizerState(" + context.ReadOnlySpanType + " source)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(source.Length, OptimizerStateLength, nameof(source), \"OptimizerStateLength\");");
            w.Line(Layout + ".Validate<" + number + ">(source, global::NetGen.Optimizer." + optimizer.Kind.ToString() + ", momentum: " + Number(optimizer.Momentum)
                + ", ParameterCount, nameof(source)" + (dropout ? ", dropout: true" : string.Empty) + ");");
            w.Line(SharedMembers.StepCount + " = " + Layout + ".ReadStepCount<" + number + ">(source);");
            for (int k = 0; k < buffers.Length; k++)
            {
                w.Line("source.Slice(" + Layout + ".StepCountLength" + (k == 0 ? string.Empty : " + " + (k == 1 ? string.Empty : Int(k) + " * ") + "ParameterCount") + ", ParameterCount).CopyTo(" + SharedMembers.View(context, buffers[k]) + ");");
            }

            if (dropout)
            {
                w.Line(DropoutText.Position + " = " + Stream + ".ReadState<" + number + ">(source.Slice(OptimizerStateLength - " + Stream + ".StateLength));");
            }
        }
    }
}
