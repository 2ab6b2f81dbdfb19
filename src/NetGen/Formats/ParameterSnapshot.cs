using System;
using System.Globalization;
using NetGen.Runtime;

namespace NetGen;

/// <summary>
/// A network's parameters as every writer takes them (the network file, safetensors, ONNX): copied once and checked
/// finite, so a file that could not be read back is refused before a byte is written, in the same words by each.
/// </summary>
internal static class ParameterSnapshot
{
    /// <summary>
    /// A copy of <paramref name="network"/>'s parameters in the flat order; <see cref="InvalidOperationException"/> names
    /// the first that is NaN or infinite (where it sits, when <paramref name="description"/> is given).
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="description">Its description, to say which layer's weight or bias a bad value is; or null.</param>
    /// <param name="refused">What cannot be done with such a network, e.g. "saved (the file would not load)".</param>
    public static T[] Take<T>(INetwork<T> network, NetworkDescription? description, string refused)
        where T : unmanaged
    {
        var parameters = new T[network.ParameterCount];
        network.GetParameters(parameters);
        for (int k = 0; k < parameters.Length; k++)
        {
            double value = OptimizerStateLayout.ToDouble(parameters[k]);
            if (!double.IsFinite(value))
            {
                string where = description is null ? string.Empty : " (" + description.DescribeParameter(k) + ")";
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Parameter {k}{where} is {OptimizerStateLayout.Text(value)}; a network whose parameters are not all finite cannot be {refused}."));
            }
        }

        return parameters;
    }
}
