#if NET10_0_OR_GREATER
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using NetGen.Runtime;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The runtime library's public surface: the same in the net8.0 and net10.0 builds (an app must not see members
/// appear or vanish with its target framework), and split cleanly between what users call and what generated code
/// calls (the latter in NetGen.Runtime, hidden from IntelliSense).
/// </summary>
public class PublicSurfaceTests
{
    [Fact]
    public void The_net8_and_net10_builds_have_the_same_public_surface()
    {
        string net10 = typeof(INetwork).Assembly.Location;
        string net8 = BuildOf("net8.0");
        Assert.True(File.Exists(net8), "the net8.0 build of NetGen was not found at " + net8);

        List<string> expected = Surface(net10);
        List<string> actual = Surface(net8);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Everything_in_NetGen_Runtime_is_hidden_and_nothing_else_is()
    {
        foreach (Type type in typeof(INetwork).Assembly.GetExportedTypes())
        {
            bool hidden = type.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;
            bool forGeneratedCode = type.Namespace == "NetGen.Runtime";
            Assert.True(hidden == forGeneratedCode, $"{type.FullName}: hidden from IntelliSense = {hidden}, in NetGen.Runtime = {forGeneratedCode}");
        }

        Assert.Contains(typeof(Arithmetic), typeof(INetwork).Assembly.GetExportedTypes());
    }

    [Fact]
    public void Files_are_saved_loaded_imported_and_exported_through_the_extension_methods_alone()
    {
        Type[] exported = typeof(INetwork).Assembly.GetExportedTypes();
        Assert.DoesNotContain(exported, t => t.Name is "Safetensors" or "Onnx");
        string[] fileMembers = typeof(NetworkFile).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Distinct().ToArray();
        Assert.Equal(new[] { "ReadDescription" }, fileMembers);
        string[] extensions = typeof(NetworkExtensions).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "Evaluate", "ExportOnnx", "ExportSafetensors", "Fit", "ImportSafetensors", "Load", "Save" }, extensions);
    }

    /// <summary>
    /// Every type the library defines, internal ones too, lives under the NetGen namespace (the compiler's own
    /// embedded attributes aside): a namespace is visible to users even when all its types are internal, and a
    /// global one would hide their names. The ONNX messages' namespace from <c>package onnx;</c>, <c>Onnx</c>, made
    /// <c>using NetGen; Onnx.Export(...)</c> fail to compile in a top-level program.
    /// </summary>
    [Fact]
    public void Every_type_lives_under_the_NetGen_namespace()
    {
        string[] outside = typeof(INetwork).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n != "NetGen" && !n.StartsWith("NetGen.", StringComparison.Ordinal)
                && n != "System.Runtime.CompilerServices" && n != "Microsoft.CodeAnalysis")
            .Distinct()
            .Select(n => n!)
            .ToArray();
        Assert.Empty(outside);
        Assert.Equal("NetGen.OnnxSchema", typeof(NetGen.OnnxSchema.ModelProto).Namespace);
    }

    [Fact]
    public void INetwork_is_INetwork_of_double_and_declares_nothing_of_its_own()
    {
        Assert.Contains(typeof(INetwork<double>), typeof(INetwork).GetInterfaces());
        Assert.Empty(typeof(INetwork).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly));
    }

    /// <summary>Every public type and member, one line each, sorted: the same text for the same surface.</summary>
    private static List<string> Surface(string path)
    {
        var context = new AssemblyLoadContext("surface " + path, isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromAssemblyPath(path);
            var lines = new List<string>();
            foreach (Type type in assembly.GetExportedTypes())
            {
                lines.Add(type.FullName + " : " + string.Join(", ", type.GetInterfaces().Select(i => i.ToString()).Order(StringComparer.Ordinal)));
                const BindingFlags all = BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
                foreach (MemberInfo member in type.GetMembers(all))
                {
                    lines.Add(type.FullName + " " + member.MemberType + " " + member);
                }
            }

            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>src/NetGen/bin/{the configuration these tests were built in}/{framework}/NetGen.dll.</summary>
    private static string BuildOf(string framework)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = here.Parent!.Name; // tests/NetGen.Tests/bin/{configuration}/net10.0/
        DirectoryInfo? root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NetGen.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "src", "NetGen", "bin", configuration, framework, "NetGen.dll");
    }
}
#endif
