using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using static NetGen.Generator.Emit.Literals;

namespace NetGen.Generator.Emit;

/// <summary>
/// Everything the emitters write about one optimizer: its state fields and what they hold, what ResetOptimizer
/// clears, its <c>__Update</c> call into the runtime's kernel (NetGen.Runtime.Dense), its torch.optim constructor and
/// its update rule for the remarks. The facts shared with the runtime (buffers, defaults, hyper-parameters read) are
/// <see cref="OptimizerRule"/>'s. The shapes, persistence and remarks ask the descriptor and never switch on the kind.
/// </summary>
internal abstract class OptimizerDescriptor
{
    protected const string Dense = FileAliases.Dense;

    protected OptimizerDescriptor(OptimizerModel model)
    {
        Model = model;
        Rule = OptimizerRule.For(model.Kind);
        Buffers = Rule.BuffersFor(model.Momentum);
    }

    /// <summary>The optimizer and its hyper-parameters.</summary>
    public OptimizerModel Model { get; }

    /// <summary>The facts the generator shares with the runtime.</summary>
    public OptimizerRule Rule { get; }

    /// <summary>The buffers this network's state holds after the step count, in order.</summary>
    public IReadOnlyList<OptimizerBuffer> Buffers { get; }

    /// <summary>The optimizer in a few words: <c>Adam</c>, <c>SGD with Nesterov momentum and weight decay</c>.</summary>
    public virtual string Name => Model.Kind.ToString();

    /// <summary>The optimizer as torch.optim constructs it.</summary>
    public abstract string TorchCall { get; }

    /// <summary>The update of one parameter p from its gradient g, a line per statement.</summary>
    public abstract IEnumerable<string> UpdateRule();

    /// <summary>The comment above the state fields, a line each.</summary>
    public abstract IEnumerable<string> FieldComment();

    /// <summary>The ResetOptimizer summary's sentence on what it clears.</summary>
    public abstract string ResetText { get; }

    /// <summary>What the remarks say ResetOptimizer clears, or null for an optimizer without buffers.</summary>
    public virtual string? ClearedSymbols => Buffers.Count == 0 ? null : string.Join(", ", Buffers.Select(b => b.Short)) + " and t";

    /// <summary>What the flat optimizer state holds, in words.</summary>
    public abstract string StateText { get; }

    /// <summary>The body of <c>__Update</c>: the step count and the kernel's call.</summary>
    public abstract void WriteUpdate(EmitContext context);

    /// <summary>The descriptor of <paramref name="model"/>'s optimizer.</summary>
    public static OptimizerDescriptor For(OptimizerModel model) => model.Kind switch
    {
        Optimizer.Sgd => new SgdDescriptor(model),
        Optimizer.RMSprop => new RMSpropDescriptor(model),
        Optimizer.Adagrad => new AdagradDescriptor(model),
        _ => new AdamDescriptor(model),
    };

    /// <summary>The weight decay's line of the update rule, added to the gradient; none without decay.</summary>
    protected IEnumerable<string> CoupledDecay()
    {
        if (Model.WeightDecay != 0.0)
        {
            yield return "g ← g + " + Number(Model.WeightDecay) + " · p";
        }
    }

    /// <summary>SGD with optional momentum, Nesterov momentum and weight decay.</summary>
    private sealed class SgdDescriptor : OptimizerDescriptor
    {
        public SgdDescriptor(OptimizerModel model)
            : base(model)
        {
        }

        public override string Name
        {
            get
            {
                var parts = new List<string>();
                if (Model.Momentum != 0.0)
                {
                    parts.Add(Model.Nesterov ? "Nesterov momentum" : "momentum");
                }

                if (Model.WeightDecay != 0.0)
                {
                    parts.Add("weight decay");
                }

                return parts.Count == 0 ? "SGD" : "SGD with " + string.Join(" and ", parts);
            }
        }

        public override string TorchCall =>
            "torch.optim.SGD(lr, momentum=" + Number(Model.Momentum) + ", nesterov=" + (Model.Nesterov ? "True" : "False")
            + ", weight_decay=" + Number(Model.WeightDecay) + ")";

        public override string? ClearedSymbols => Buffers.Count == 0 ? null : "b";

        public override string ResetText => Buffers.Count > 0
            ? "SGD clears its momentum buffer, which starts again from the next step's gradient."
            : (Model.IsPlainSgd ? "Plain gradient descent" : "SGD without momentum") + " keeps no buffers: only the step count is cleared.";

        public override string StateText => Buffers.Count > 0
            ? "the step count t, then the momentum buffer (ParameterCount values, the flat order)"
            : "the step count t (" + (Model.IsPlainSgd ? "plain gradient descent" : "SGD without momentum") + " keeps no buffers)";

        public override IEnumerable<string> FieldComment()
        {
            yield return "SGD's momentum buffer b, one value per parameter in the flat order: the first step's gradient (t = 0), then";
            yield return "μ · b + g; cleared by ResetOptimizer.";
        }

        public override IEnumerable<string> UpdateRule()
        {
            foreach (string line in CoupledDecay())
            {
                yield return line;
            }

            if (Model.Momentum != 0.0)
            {
                string mu = Number(Model.Momentum);
                yield return "b ← " + mu + " · b + g (b ← g on the first step)";
                yield return Model.Nesterov ? "g ← g + " + mu + " · b" : "g ← b";
            }

            yield return "p ← p − lr · g";
        }

        public override void WriteUpdate(EmitContext context)
        {
            IndentedWriter w = context.Writer;
            string buffer = Buffers.Count > 0 ? SharedMembers.View(context, Buffers[0].Field) : context.SpanType + ".Empty";
            w.Line(Dense + ".Sgd(");
            w.Line("    parameters, gradient, " + buffer + ", __learningRate,");
            w.Line("    momentum: " + Number(Model.Momentum) + ", nesterov: " + (Model.Nesterov ? "true" : "false") + ", weightDecay: " + Number(Model.WeightDecay)
                + ", firstStep: " + SharedMembers.StepCount + " == 0);");
            w.Line(SharedMembers.StepCount + "++;");
        }
    }

    /// <summary>Adam, and AdamW with its decoupled weight decay.</summary>
    private sealed class AdamDescriptor : OptimizerDescriptor
    {
        public AdamDescriptor(OptimizerModel model)
            : base(model)
        {
        }

        private bool Decoupled => Model.Kind == Optimizer.AdamW;

        public override string TorchCall =>
            "torch.optim." + Rule.TorchName + "(lr, betas=(" + Number(Model.Beta1) + ", " + Number(Model.Beta2) + "), eps="
            + Number(Model.Epsilon) + ", weight_decay=" + Number(Model.WeightDecay) + ")";

        public override string ResetText => Name + " clears its moments m and v and its step count t.";

        public override string StateText => "the step count t, then the moments m and v (ParameterCount values each, the flat order)";

        public override IEnumerable<string> FieldComment()
        {
            yield return Name + "'s running means of every parameter's gradient (m) and squared gradient (v), in the flat";
            yield return "order, cleared by ResetOptimizer.";
        }

        public override IEnumerable<string> UpdateRule()
        {
            if (Model.WeightDecay != 0.0)
            {
                string decay = Number(Model.WeightDecay);
                yield return Decoupled ? "p ← p · (1 − lr · " + decay + ")" : "g ← g + " + decay + " · p";
            }

            string beta1 = Number(Model.Beta1), beta2 = Number(Model.Beta2);
            yield return "t ← t + 1";
            yield return "m ← " + beta1 + " · m + (1 − " + beta1 + ") · g";
            yield return "v ← " + beta2 + " · v + (1 − " + beta2 + ") · g²";
            yield return "p ← p − lr / (1 − " + beta1 + "^t) · m / (√v / √(1 − " + beta2 + "^t) + " + Number(Model.Epsilon) + ")";
        }

        public override void WriteUpdate(EmitContext context)
        {
            IndentedWriter w = context.Writer;
            w.Line(SharedMembers.StepCount + "++;");
            w.Line(Dense + ".Adam(");
            w.Line("    parameters, gradient, " + SharedMembers.View(context, Buffers[0].Field) + ", " + SharedMembers.View(context, Buffers[1].Field) + ", __learningRate,");
            w.Line("    beta1: " + Number(Model.Beta1) + ", beta2: " + Number(Model.Beta2) + ", epsilon: " + Number(Model.Epsilon)
                + ", weightDecay: " + Number(Model.WeightDecay) + ", step: " + SharedMembers.StepCount + ", decoupled: " + (Decoupled ? "true" : "false")
                + ActivationDescriptor.DeterministicArgument(context) + ");");
        }
    }

    /// <summary>RMSprop, not centered, with optional momentum and weight decay.</summary>
    private sealed class RMSpropDescriptor : OptimizerDescriptor
    {
        public RMSpropDescriptor(OptimizerModel model)
            : base(model)
        {
        }

        private bool Momentum => Model.Momentum != 0.0;

        public override string TorchCall =>
            "torch.optim.RMSprop(lr, alpha=" + Number(Model.Alpha) + ", eps=" + Number(Model.Epsilon) + ", weight_decay=" + Number(Model.WeightDecay)
            + ", momentum=" + Number(Model.Momentum) + ")";

        public override string ResetText => "RMSprop clears its square average s" + (Momentum ? ", its momentum buffer b" : string.Empty) + " and its step count t.";

        public override string StateText => Momentum
            ? "the step count t, then the square average s and the momentum buffer b (ParameterCount values each, the flat order)"
            : "the step count t, then the square average s (ParameterCount values, the flat order)";

        public override IEnumerable<string> FieldComment()
        {
            yield return "RMSprop's running mean of every parameter's squared gradient (s), in the flat order, cleared by ResetOptimizer.";
            if (Momentum)
            {
                yield return "Its momentum buffer b, one value per parameter in the flat order: μ · b + g / (√s + ε) from 0; cleared likewise.";
            }
        }

        public override IEnumerable<string> UpdateRule()
        {
            foreach (string line in CoupledDecay())
            {
                yield return line;
            }

            string alpha = Number(Model.Alpha), epsilon = Number(Model.Epsilon);
            yield return "s ← " + alpha + " · s + (1 − " + alpha + ") · g²";
            if (Momentum)
            {
                yield return "b ← " + Number(Model.Momentum) + " · b + g / (√s + " + epsilon + ")";
                yield return "p ← p − lr · b";
            }
            else
            {
                yield return "p ← p − lr · g / (√s + " + epsilon + ")";
            }
        }

        public override void WriteUpdate(EmitContext context)
        {
            IndentedWriter w = context.Writer;
            string buffer = Momentum ? SharedMembers.View(context, Buffers[1].Field) : context.SpanType + ".Empty";
            w.Line(SharedMembers.StepCount + "++;");
            w.Line(Dense + ".RMSprop(");
            w.Line("    parameters, gradient, " + SharedMembers.View(context, Buffers[0].Field) + ", " + buffer + ", __learningRate,");
            w.Line("    alpha: " + Number(Model.Alpha) + ", epsilon: " + Number(Model.Epsilon) + ", weightDecay: " + Number(Model.WeightDecay)
                + ", momentum: " + Number(Model.Momentum) + ");");
        }
    }

    /// <summary>Adagrad with no learning-rate decay and a zero initial accumulator.</summary>
    private sealed class AdagradDescriptor : OptimizerDescriptor
    {
        public AdagradDescriptor(OptimizerModel model)
            : base(model)
        {
        }

        public override string TorchCall =>
            "torch.optim.Adagrad(lr, eps=" + Number(Model.Epsilon) + ", weight_decay=" + Number(Model.WeightDecay) + ")";

        public override string ResetText => "Adagrad clears its sum of squares s and its step count t.";

        public override string StateText => "the step count t, then the sum of squares s (ParameterCount values, the flat order)";

        public override IEnumerable<string> FieldComment()
        {
            yield return "Adagrad's sum of every parameter's squared gradients (s), in the flat order, cleared by ResetOptimizer.";
        }

        public override IEnumerable<string> UpdateRule()
        {
            foreach (string line in CoupledDecay())
            {
                yield return line;
            }

            yield return "s ← s + g²";
            yield return "p ← p − lr · g / (√s + " + Number(Model.Epsilon) + ")";
        }

        public override void WriteUpdate(EmitContext context)
        {
            IndentedWriter w = context.Writer;
            w.Line(SharedMembers.StepCount + "++;");
            w.Line(Dense + ".Adagrad(");
            w.Line("    parameters, gradient, " + SharedMembers.View(context, Buffers[0].Field) + ", __learningRate,");
            w.Line("    epsilon: " + Number(Model.Epsilon) + ", weightDecay: " + Number(Model.WeightDecay) + ");");
        }
    }
}
