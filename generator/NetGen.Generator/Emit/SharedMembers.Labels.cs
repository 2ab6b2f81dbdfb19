using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

// The shared members' part for cross-entropy networks: the class-label entry points and Classify.
internal static partial class SharedMembers
{
    /// <summary>
    /// For a cross-entropy network: TrainStep, Train and ComputeGradients with class labels (their one-hot rows in a
    /// field, checked before anything changes), and Classify, the index of the largest output.
    /// </summary>
    public static void WriteLabelEntryPoints(EmitContext context)
    {
        if (!context.Loss.TakesClassLabels)
        {
            return;
        }

        IndentedWriter w = context.Writer;
        string number = context.Number, span = context.SpanType, readOnlySpan = context.ReadOnlySpanType;
        const string labels = "global::System.ReadOnlySpan<int> labels";
        const string inputsDoc = "/// <param name=\"inputs\">N * InputSize values, sample-major, N ≥ 1.</param>";
        const string labelsDoc = "/// <param name=\"labels\">N class labels, each in [0, OutputSize): label c stands for the one-hot target row with 1 at c.</param>";
        const string throws = "/// <exception cref=\"global::System.ArgumentException\">A length is wrong, or a label is out of range (the message names the sample); nothing has changed.</exception>";

        w.Line();
        w.Line("/// <summary>ComputeGradients with class labels: the loss and gradient for the labels' one-hot target rows.</summary>");
        w.Line(inputsDoc);
        w.Line(labelsDoc);
        w.Line("/// <param name=\"gradients\">Exactly ParameterCount values in the flat parameter order, overwritten.</param>");
        w.Line("/// <returns>The loss, reduced over the batch.</returns>");
        w.Line(throws);
        context.GeneratedCode();
        w.Line("public " + number + " ComputeGradients(" + readOnlySpan + " inputs, " + labels + ", " + span + " gradients)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(gradients.Length, ParameterCount, nameof(gradients), \"ParameterCount\");");
            w.Line(Guard + ".AllFinite(inputs, InputSize, nameof(inputs));");
            w.Line(readOnlySpan + " targets = " + OneHot + "(inputs.Length, InputSize, labels, OutputSize, ref " + LabelTargets + ");");
            w.Line("return __Backpropagate(inputs, targets, labels.Length, gradients" + BackpropagateArguments(context, "labels.Length", training: false) + ");");
        }

        w.Line();
        w.Line("/// <summary>TrainStep with class labels: one step on the labels' one-hot target rows.</summary>");
        w.Line(inputsDoc);
        w.Line(labelsDoc);
        w.Line("/// <returns>The loss before the update, reduced over the batch.</returns>");
        w.Line(throws);
        context.GeneratedCode();
        w.Line("public " + number + " TrainStep(" + readOnlySpan + " inputs, " + labels + ")");
        using (w.Block())
        {
            w.Line(Guard + ".AllFinite(inputs, InputSize, nameof(inputs));");
            w.Line(readOnlySpan + " targets = " + OneHot + "(inputs.Length, InputSize, labels, OutputSize, ref " + LabelTargets + ");");
            w.Line("return __Step(inputs, targets, labels.Length);");
        }

        w.Line();
        w.Line("/// <summary>Train with class labels: <paramref name=\"iterations\"/> steps on the labels' one-hot target rows.</summary>");
        w.Line(inputsDoc);
        w.Line(labelsDoc);
        w.Line("/// <param name=\"iterations\">How many steps, at least 1.</param>");
        w.Line("/// <returns>The loss the last step returned.</returns>");
        w.Line(throws);
        context.GeneratedCode();
        w.Line("public " + number + " Train(" + readOnlySpan + " inputs, " + labels + ", int iterations)");
        using (w.Block())
        {
            w.Line(Guard + ".Iterations(iterations);");
            w.Line(Guard + ".AllFinite(inputs, InputSize, nameof(inputs));");
            w.Line(readOnlySpan + " targets = " + OneHot + "(inputs.Length, InputSize, labels, OutputSize, ref " + LabelTargets + ");");
            w.Line(number + " loss = " + context.Zero + ";");
            w.Line("for (int i = 0; i < iterations; i++)");
            using (w.Block())
            {
                w.Line("loss = __Step(inputs, targets, labels.Length);");
            }

            w.Line();
            w.Line("return loss;");
        }

        int outputs = context.Net.Size(context.Net.Layers);
        w.Line();
        w.Line("/// <summary>The class of one sample: the index of its largest output (the first, if several are equal).</summary>");
        w.Line("/// <param name=\"input\">Exactly InputSize values.</param>");
        w.Line("/// <returns>An index in [0, OutputSize).</returns>");
        context.GeneratedCode();
        w.Line("public int Classify(" + readOnlySpan + " input)");
        using (w.Block())
        {
            w.Line(Guard + ".ExactLength(input.Length, InputSize, nameof(input), \"InputSize\");");
            string? pooled = null;
            if (outputs <= StackOutputLimit)
            {
                w.Line(span + " output = stackalloc " + number + "[OutputSize];");
            }
            else
            {
                pooled = "global::System.Buffers.ArrayPool<" + number + ">.Shared";
                w.Line("// Too many outputs for the stack: borrowed from the shared pool.");
                w.Line(number + "[] rented = " + pooled + ".Rent(OutputSize);");
                w.Line(span + " output = new " + span + "(rented, 0, OutputSize);");
            }

            w.Line("__Forward(input, output);");
            w.Line("int best = 0;");
            w.Line("for (int j = 1; j < OutputSize; j++)");
            using (w.Block())
            {
                w.Line("if (output[j] > output[best])");
                using (w.Block())
                {
                    w.Line("best = j;");
                }
            }

            if (pooled is not null)
            {
                w.Line();
                w.Line(pooled + ".Return(rented);");
            }

            w.Line();
            w.Line("return best;");
        }

    }
}
