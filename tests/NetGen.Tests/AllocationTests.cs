using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>After construction, a generated network allocates nothing on the heap, for any batch size.</summary>
public class AllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public void Forward_predict_gradients_and_training_allocate_nothing(int samples)
    {
        var net = new Deep();
        var random = new NormalSampler(3);
        var inputs = new double[samples * Deep.InputSize];
        var targets = new double[samples * Deep.OutputSize];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = random.NextStandardNormal();
        }

        for (int k = 0; k < targets.Length; k++)
        {
            targets[k] = random.NextUniform();
        }

        var output = new double[Deep.OutputSize];
        var outputs = new double[targets.Length];
        var gradients = new double[Deep.ParameterCount];

        void Work()
        {
            for (int i = 0; i < 50; i++)
            {
                net.Forward(inputs.AsSpan(0, Deep.InputSize), output);
                net.Predict(inputs, outputs);
                net.ComputeGradients(inputs, targets, gradients);
                net.TrainStep(inputs, targets);
            }

            net.Train(inputs, targets, 20);
            net.LearningRate = 0.05;
            net.GetParameters(gradients);
            net.SetParameters(gradients);
        }

        Work(); // warm up: first calls compile methods
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void The_element_wise_losses_train_without_allocating_in_both_shapes(int samples)
    {
        foreach (INetwork net in new INetwork[] { new TorchHuberMean(), new TorchL1SumLoops(), new TorchMseMean(), new TorchHuberMeanLoops() })
        {
            var random = new NormalSampler(5);
            var inputs = new double[samples * net.InputSize];
            var targets = new double[samples * net.OutputSize];
            for (int k = 0; k < inputs.Length; k++)
            {
                inputs[k] = random.NextStandardNormal();
            }

            for (int k = 0; k < targets.Length; k++)
            {
                targets[k] = random.NextUniform();
            }

            var gradients = new double[net.ParameterCount];
            void Work()
            {
                for (int i = 0; i < 20; i++)
                {
                    net.ComputeGradients(inputs, targets, gradients);
                    net.TrainStep(inputs, targets);
                }

                net.Train(inputs, targets, 10);
            }

            Work();
            Work();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Work();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void RMSprop_and_Adagrad_training_steps_allocate_nothing_in_either_shape_or_precision()
    {
        Assert.Equal(0, Steps<double>(new Networks.RMSpropClassifier()));
        Assert.Equal(0, Steps<float>(new Networks.RMSpropLoops()));
        Assert.Equal(0, Steps<float>(new Networks.AdagradSingle()));
        Assert.Equal(0, Steps<double>(new Networks.AdagradLoops()));

        static long Steps<T>(INetwork<T> net)
            where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
        {
            var random = new NormalSampler(5);
            T[] inputs = Enumerable.Range(0, 3 * net.InputSize).Select(_ => T.CreateTruncating(random.NextStandardNormal())).ToArray();
            T[] targets = Enumerable.Range(0, 3 * net.OutputSize).Select(_ => T.CreateTruncating(random.NextUniform() / net.OutputSize)).ToArray();
            void Work()
            {
                for (int i = 0; i < 20; i++)
                {
                    net.TrainStep(inputs, targets);
                }

                net.Train(inputs, targets, 5);
            }

            Work();
            Work();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Work();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [Fact]
    public void Networks_that_keep_z_allocate_nothing_either()
    {
        INetwork[] nets = { new TorchGelu(), new TorchGeluLoops(), new TorchSilu(), new TorchSiluLoops(), new TorchElu(), new TorchEluLoops() };
        var inputs = new double[40 * 3];
        var targets = new double[40 * 2];
        for (int k = 0; k < inputs.Length; k++)
        {
            inputs[k] = Math.Sin(k);
        }

        var outputs = new double[targets.Length];
        var gradients = new double[nets[0].ParameterCount];

        void Work()
        {
            foreach (INetwork net in nets)
            {
                for (int i = 0; i < 20; i++)
                {
                    net.Predict(inputs, outputs);
                    net.ComputeGradients(inputs, targets, gradients);
                    net.TrainStep(inputs, targets);
                }
            }
        }

        Work();
        Work();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_measurement_sees_an_allocation()
    {
        // Shows the method above can fail: the reference network allocates matrices on every call.
        var net = new NetGen.Reference.ReferenceNetwork(new[] { 3, 6, 5, 4, 2 });
        var output = new double[2];
        net.Forward(new double[3], output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        net.Forward(new double[3], output);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 0);
    }
}
