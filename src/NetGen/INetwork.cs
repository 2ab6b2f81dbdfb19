namespace NetGen;

/// <summary>
/// A network that computes in <see cref="double"/>: the same as <see cref="INetwork{T}"/> of <see cref="double"/>, under
/// the tutorial's short name. Every class NetGen generates with the default precision implements it, and so does
/// <see cref="Reference.ReferenceNetwork"/>; code written against either <c>INetwork</c> or <c>INetwork&lt;double&gt;</c>
/// serves both.
/// </summary>
public interface INetwork : INetwork<double>
{
}
