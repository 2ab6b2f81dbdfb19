namespace NetGen.Generator.Emit;

/// <summary>
/// <c>NetGen.Runtime.IShardedNetwork&lt;T&gt;</c>, in a third <c>partial</c> declaration of the class: what
/// <c>Trainer.Fit</c> calls to split a training step across threads. A worker is a second instance with scratch buffers
/// of its own, made by a private constructor: in the loop shape it reads its network's parameter block, in the unrolled
/// shape (a few hundred fields at most) it copies the parameters before every step. A shard's loss and gradient come
/// from the shape's <c>__Backpropagate</c> with the whole step's reduction factor and the shard's first sample (for
/// dropout's masks); the step ends in the shape's <c>__Apply</c>, as <c>__Step</c> does.
/// </summary>
internal static class ShardMembers
{
    private const string Guard = FileAliases.Guard;

    /// <summary>The third partial declaration of the class with every member of this part.</summary>
    public static void Write(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string number = context.Number, name = context.Model.ClassName;
        string sharded = "global::NetGen.Runtime.IShardedNetwork<" + number + ">";
        w.Line();
        w.Line("partial class " + name + " : " + sharded);
        using (w.Block())
        {
            WriteWorkerConstructor(context);

            Member(context, "bool " + sharded + ".Deterministic => " + (context.Model.Deterministic ? "true" : "false") + ";");
            Member(context, sharded + " " + sharded + ".CreateWorker()");
            using (w.Block())
            {
                w.Line("return new " + name + "(this);");
            }

            Member(context, "void " + sharded + ".Synchronize(" + sharded + " network)");
            using (w.Block())
            {
                string mismatch = context.Loops ? " || owner.__parameters != __parameters" : string.Empty;
                w.Line("if (network is not " + name + " owner" + mismatch + ")");
                using (w.Block())
                {
                    w.Line("throw new global::System.ArgumentException(\"Synchronize takes the network whose CreateWorker made this worker.\", nameof(network));");
                }

                if (!context.Loops)
                {
                    w.Line();
                    w.Line("// The network's parameters, through this worker's gradient buffer (a worker takes no steps of its own).");
                    w.Line("owner.GetParameters(__gradient);");
                    w.Line("SetParameters(__gradient);");
                }

                if (context.Model.HasDropout)
                {
                    w.Line();
                    w.Line("// The step's masks come from the network's stream, at its position.");
                    w.Line(DropoutText.Position + " = owner." + DropoutText.Position + ";");
                }
                else if (context.Loops)
                {
                    w.Line();
                    w.Line("// Nothing to copy: the worker reads the network's parameter block, and the network draws no dropout masks.");
                }
            }

            Member(
                context,
                number + " " + sharded + ".ShardGradients(" + context.ReadOnlySpanType + " inputs, " + context.ReadOnlySpanType + " targets, int firstSample, "
                + "int batchSamples, " + context.SpanType + " gradient)");
            using (w.Block())
            {
                w.Line("int samples = " + Guard + ".BatchSize(inputs.Length, InputSize, targets.Length, OutputSize, nameof(targets));");
                w.Line(Guard + ".ExactLength(gradient.Length, ParameterCount, nameof(gradient), \"ParameterCount\");");
                w.Line(Guard + ".Shard(firstSample, samples, batchSamples);");
                string arguments = SharedMembers.BackpropagateArguments(context, "batchSamples", training: true, DropoutText.FirstSample);
                if (context.Loss.Scale(context.Reduction, "samples", context.Net.Size(context.Net.Layers), number) is not null)
                {
                    w.Line("// The whole step's factor, not the shard's: the shards' losses and gradients add up to the step's.");
                }

                w.Line("return __Backpropagate(inputs, targets, samples, gradient" + arguments + ");");
            }

            Member(context, "void " + sharded + ".ApplyGradients(" + number + " loss, " + context.ReadOnlySpanType + " gradient, int batchSamples)");
            using (w.Block())
            {
                w.Line(Guard + ".ExactLength(gradient.Length, ParameterCount, nameof(gradient), \"ParameterCount\");");
                w.Line(Guard + ".StepSamples(batchSamples);");
                w.Line(SharedMembers.Apply + "(loss, gradient);");
                DropoutText.WriteAdvance(context, "batchSamples");
            }
        }
    }

    /// <summary>The private constructor of a worker.</summary>
    private static void WriteWorkerConstructor(EmitContext context)
    {
        IndentedWriter w = context.Writer;
        string name = context.Model.ClassName;
        w.Line("/// <summary>");
        w.Comment(
            "/// ",
            context.Loops
                ? "A worker of <paramref name=\"owner\"/> for Fit's threads (CreateWorker): scratch buffers of its own, and the owner's parameter"
                    + " block, which it reads and never writes."
                : "A worker of <paramref name=\"owner\"/> for Fit's threads (CreateWorker): scratch buffers of its own, and a copy of the owner's"
                    + " parameters that Synchronize makes before every step.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"owner\">The network the worker computes shards for.</param>");
        context.GeneratedCode();
        w.Line("private " + name + "(" + name + " owner)");
        using (w.Block())
        {
            if (context.Loops)
            {
                w.Line("__parameters = owner.__parameters;");
                foreach (int l in LoopShape.PassOrderLayers(context))
                {
                    w.Line(LoopShape.PassOrderField(l) + " = owner." + LoopShape.PassOrderField(l) + ";");
                }
            }

            w.Line("__learningRate = owner.__learningRate;");
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
}
