using System;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests;

/// <summary>
/// Which build of the runtime library these tests loaded. The package carries two: net10.0 (apps on .NET 10 and
/// newer), whose kernels fuse each multiply-add, and net8.0 (apps on .NET 8 and 9), whose kernels round after the
/// multiply and after the add. The tests run on both (CI runs the net8.0 target self-contained on the .NET 8
/// runtime) and ask this class which rounding to expect.
/// </summary>
internal static class RuntimeBuild
{
    /// <summary>The target framework of the NetGen assembly in use, e.g. <c>.NETCoreApp,Version=v8.0</c>.</summary>
    public static FrameworkName Framework { get; } =
        new(typeof(INetwork).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName);

    /// <summary>Whether the kernels (and the straight-line layers that match them) fuse each multiply-add, as the loaded build says.</summary>
    public static bool FusesMultiplyAdd => NetGen.Runtime.Arithmetic.FusesMultiplyAdd;
}

public class RuntimeBuildTests
{
    private readonly ITestOutputHelper _output;

    public RuntimeBuildTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_tests_load_the_runtime_library_built_for_their_own_target()
    {
        string tests = typeof(RuntimeBuildTests).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        _output.WriteLine($"{RuntimeInformation.FrameworkDescription} from {RuntimeEnvironment.GetRuntimeDirectory()}, NetGen built for {RuntimeBuild.Framework.FullName}");
        Assert.Equal(tests, RuntimeBuild.Framework.FullName);

        // Both builds fuse every multiply-add (the net8.0 one through the platform's instructions); the rounding every
        // test expects follows from it.
        Assert.True(RuntimeBuild.FusesMultiplyAdd);
    }

#if NET8_0
    /// <summary>
    /// The net8.0 target is self-contained on the .NET 8 runtime; were it to run on a newer one (a roll-forward, or
    /// a test host started on the machine's runtime), the run would not test what apps on .NET 8 get.
    /// </summary>
    [Fact]
    public void The_net8_target_runs_on_the_NET_8_runtime()
    {
        Assert.StartsWith(".NET 8.", RuntimeInformation.FrameworkDescription, StringComparison.Ordinal);
        Assert.Equal(8, Environment.Version.Major);
        Assert.Equal(8, RuntimeBuild.Framework.Version.Major);
    }
#endif
}
