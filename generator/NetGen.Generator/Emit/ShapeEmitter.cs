namespace NetGen.Generator.Emit;

/// <summary>
/// The part of a network class that depends on its code shape: where the parameters live, how they are
/// initialised, read and written, and the private forward, backward and update methods the public members call
/// (<c>__Forward</c>, <c>__Backpropagate</c>, <c>__Step</c>). <see cref="SharedMembers"/> writes everything else.
/// </summary>
internal abstract class ShapeEmitter
{
    protected ShapeEmitter(EmitContext context)
    {
        Context = context;
    }

    protected EmitContext Context { get; }

    protected IndentedWriter W => Context.Writer;

    /// <summary>The paragraph of the class remarks that tells the code shape, a line of text per element.</summary>
    public abstract string[] Remarks { get; }

    /// <summary>The parameter storage and scratch fields.</summary>
    public abstract void WriteFields();

    /// <summary>The seeded constructor's statements that draw the initial parameters with <paramref name="initializer"/>.</summary>
    public abstract void WriteInitialization(string initializer);

    /// <summary>
    /// The private passes behind the public members, as a reader follows them: <c>__Forward</c>,
    /// <c>__Backpropagate</c> (and whatever it calls of its own, such as <c>__BackpropagateLanes</c>), <c>__Step</c>.
    /// </summary>
    public abstract void WritePasses();

    /// <summary>GetParameters and SetParameters.</summary>
    public abstract void WriteParameterAccess();

    /// <summary>The private helpers the passes call (scalar activations, straight-line layer methods, ...).</summary>
    public abstract void WriteHelpers();
}
