using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Package.Tests;

/// <summary>
/// Packs the NetGen package and uses it the way a user does: a brand-new console project in a temporary folder
/// that references the package from a local folder source (no project reference), builds with warnings as
/// errors and runs; then a netstandard2.1 library at C# 9 (as Unity compiles) and a net8.0 library (as Godot's are) build
/// against the same package. A unique version and a fresh package cache make sure this build's generator is the one used.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _work = Path.Combine(Path.GetTempPath(), "netgen-package-" + Guid.NewGuid().ToString("N"));

    public PackageTests(ITestOutputHelper output)
    {
        _output = output;
        Directory.CreateDirectory(_work);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the folder is under the temp path.
        }
    }

    [Fact]
    public void The_package_builds_and_runs_a_fresh_console_project()
    {
        string version = "1.0.0-smoke." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string feed = Path.Combine(_work, "feed");
        // `dotnet pack` at the repository root, as a user would type it: exactly the one NetGen package (and its symbols).
        // It runs in a copy of the sources, so that its restore (into this test's own package folder) leaves the
        // checkout's obj folders as they were: a later Release build there would otherwise look for packages in a
        // folder this test deletes.
        Run(CopyOfRepository(Path.Combine(_work, "source")), "pack", "-c", "Release", "-o", feed, "-p:Version=" + version, "-p:ContinuousIntegrationBuild=true");

        string package = Path.Combine(feed, $"NetGen.{version}.nupkg");
        Assert.Equal(
            new[] { $"NetGen.{version}.nupkg", $"NetGen.{version}.snupkg" },
            Directory.GetFiles(feed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        AssertPackageLayout(package);

        string app = Path.Combine(_work, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <WarningLevel>9999</WarningLevel>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NetGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using NetGen;

            double[] x = { 0, 0, 0, 1, 1, 0, 1, 1 };
            double[] t = { 0, 0, 0, 1 };
            var net = new App.AndNet();
            double loss = net.Train(x, t, 10_000);
            var y = new double[4];
            net.Predict(x, y);
            Console.WriteLine($"parameters {App.AndNet.ParameterCount}, loss {loss:F4}");
            Console.WriteLine(y.Select((v, i) => Math.Abs(v - t[i]) < 0.1).All(ok => ok) ? "AND learned" : "AND not learned");
            net.ExportOnnx("and.onnx");
            Console.WriteLine($"ONNX model of {new FileInfo("and.onnx").Length} bytes");

            namespace App
            {
                /// <summary>The AND network.</summary>
                [Network(2, 3, 1)]
                public partial class AndNet { }
            }
            """);

        string output = Run(app, "run", "-c", "Release");
        Assert.Contains("parameters 13,", output, StringComparison.Ordinal);
        Assert.Contains("AND learned", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AND not learned", output, StringComparison.Ordinal);
        Assert.Matches("ONNX model of [0-9]+ bytes", output);

        // A Unity-like consumer of the same package: a netstandard2.1 library at C# 9 (as Unity compiles), warnings as
        // errors. It gets the runtime's netstandard2.1 build and the generator's .NET Standard form.
        string unity = Path.Combine(_work, "unity");
        Directory.CreateDirectory(unity);
        File.WriteAllText(Path.Combine(unity, "Game.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.1</TargetFramework>
                <LangVersion>9</LangVersion>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NetGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(unity, "Agent.cs"), """
            using NetGen;

            namespace Game
            {
                /// <summary>A small policy, trained inside the game.</summary>
                [Network(4, 8, 2, Hidden = Activation.Tanh, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Optimizer = Optimizer.Adam, Deterministic = true)]
                public partial class Policy { }

                /// <summary>One training step a frame.</summary>
                public sealed class Agent
                {
                    private readonly Policy _policy = new Policy();

                    /// <summary>Learns from one batch; returns its loss.</summary>
                    public double Learn(double[] states, double[] actions) => _policy.TrainStep(states, actions);
                }
            }
            """);
        Run(unity, "build", "-c", "Release");
        Assert.True(File.Exists(Path.Combine(unity, "bin", "Release", "netstandard2.1", "Game.dll")), "the netstandard2.1 consumer built no Game.dll");

        // A Godot-like consumer: Godot 4's C# project is a net8.0 class library; the same source against the net8.0 build.
        string godot = Path.Combine(_work, "godot");
        Directory.CreateDirectory(godot);
        File.WriteAllText(Path.Combine(godot, "Game.csproj"), File.ReadAllText(Path.Combine(unity, "Game.csproj"))
            .Replace("<TargetFramework>netstandard2.1</TargetFramework>", "<TargetFramework>net8.0</TargetFramework>", StringComparison.Ordinal)
            .Replace("<LangVersion>9</LangVersion>", "<LangVersion>12</LangVersion>", StringComparison.Ordinal));
        File.Copy(Path.Combine(unity, "Agent.cs"), Path.Combine(godot, "Agent.cs"));
        Run(godot, "build", "-c", "Release");
        Assert.True(File.Exists(Path.Combine(godot, "bin", "Release", "net8.0", "Game.dll")), "the net8.0 consumer built no Game.dll");
    }

    private static void AssertPackageLayout(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        foreach (string required in new[]
        {
            "lib/net8.0/NetGen.dll", "lib/net10.0/NetGen.dll", "lib/net10.0/NetGen.xml", "lib/netstandard2.1/NetGen.dll",
            "analyzers/dotnet/cs/NetGen.Generator.dll", "analyzers/dotnet/cs/NetGen.CodeFixes.dll",
            "README.md", "LICENSE", "DIAGNOSTICS.md",
            "THIRD-PARTY-NOTICES/onnx/NOTICE.md", "THIRD-PARTY-NOTICES/onnx/LICENSE-Apache-2.0.txt",
        })
        {
            Assert.Contains(required, entries);
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        using Stream nuspecStream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        XDocument nuspec = XDocument.Load(nuspecStream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("NetGen", metadata.Element(ns + "id")!.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")!.Value);
        Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
        Assert.DoesNotContain(metadata.Descendants(ns + "dependency"), d => d.Attribute("id")!.Value.StartsWith("NetGen", StringComparison.Ordinal) || d.Attribute("id")!.Value.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));

        // ONNX export needs the protobuf runtime; protoc (Google.Protobuf.Tools) is for NetGen's own build only.
        Assert.Contains(metadata.Descendants(ns + "dependency"), d => d.Attribute("id")!.Value == "Google.Protobuf");
        Assert.DoesNotContain(metadata.Descendants(ns + "dependency"), d => d.Attribute("id")!.Value == "Google.Protobuf.Tools");
    }

    private string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the child build; the package cache is fresh.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("NUGET", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using Process process = Process.Start(start)!;
        var stderr = new List<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.Add(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(4)), "dotnet " + string.Join(' ', arguments) + " did not finish in 4 minutes");
        process.WaitForExit();
        _output.WriteLine("$ dotnet " + string.Join(' ', arguments));
        _output.WriteLine(stdout);
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout}\n{string.Join('\n', stderr)}");
        return stdout;
    }

    /// <summary>The repository's files without build output, test results or git's folder, copied to <paramref name="target"/>.</summary>
    private static string CopyOfRepository(string target)
    {
        string root = RepositoryRoot();
        var skipped = new HashSet<string>(StringComparer.Ordinal) { "bin", "obj", ".git", "TestResults", "BenchmarkDotNet.Artifacts" };
        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.Count > 0)
        {
            string folder = folders.Pop();
            string copy = Path.Combine(target, Path.GetRelativePath(root, folder));
            Directory.CreateDirectory(copy);
            foreach (string file in Directory.GetFiles(folder))
            {
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }

            foreach (string child in Directory.GetDirectories(folder).Where(d => !skipped.Contains(Path.GetFileName(d))))
            {
                folders.Push(child);
            }
        }

        return target;
    }

    private static string RepositoryRoot([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
