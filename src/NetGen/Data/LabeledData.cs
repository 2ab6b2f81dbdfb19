using System;
using System.Collections.Generic;

namespace NetGen.Data;

/// <summary>A classification data set: sample-major feature rows and one class index per sample.</summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LabeledData<T>
{
    /// <summary>Creates a data set; <paramref name="inputs"/> holds <c>labels.Length * featureNames.Count</c> values.</summary>
    /// <param name="inputs">The features, sample after sample.</param>
    /// <param name="labels">The class of each sample, from 0 to the number of classes − 1.</param>
    /// <param name="featureNames">The name of each feature.</param>
    /// <param name="classNames">The name of each class, by index.</param>
    public LabeledData(T[] inputs, int[] labels, IReadOnlyList<string> featureNames, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(classNames);
        if ((long)labels.Length * featureNames.Count != inputs.Length)
        {
            throw new ArgumentException($"inputs must hold {labels.Length} * {featureNames.Count} values (a row of every feature for each label); got {inputs.Length}.", nameof(inputs));
        }

        foreach (int label in labels)
        {
            if (label < 0 || label >= classNames.Count)
            {
                throw new ArgumentException($"Every label must be from 0 to {classNames.Count - 1}; got {label}.", nameof(labels));
            }
        }

        Inputs = inputs;
        Labels = labels;
        FeatureNames = featureNames;
        ClassNames = classNames;
    }

    /// <summary>The features, sample-major: sample <c>s</c> at <c>[s * FeatureCount, (s + 1) * FeatureCount)</c>.</summary>
    public T[] Inputs { get; }

    /// <summary>The class index of each sample.</summary>
    public int[] Labels { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>The number of features of one sample.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The name of each feature (the CSV columns, in order).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The name of each class, by index.</summary>
    public IReadOnlyList<string> ClassNames { get; }
}
