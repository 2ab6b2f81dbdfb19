using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using NetGen;
using NetGen.DeterminismCheck;
using NetGen.DeterminismCheck.Networks;

// The determinism check: every deterministic network below is trained and evaluated through each public entry point,
// and the exact bits it produced are hashed. The same build on any machine, instruction set or runtime must print the
// same hashes; .ci/determinism runs it in each configuration and compares. Each network is also compared with the
// reference network within rounding, which a wrong kernel on one instruction set fails.
//
//   NetGen.DeterminismCheck [--out FILE] [--only NAME,...] [--stages]
//   NetGen.DeterminismCheck table [--counts FILE] RESULTS...
//
// --out writes one line per network, "name<TAB>hash<TAB>agrees|disagrees|error<TAB>stage=hash ...", then "combined",
// after "#" lines that describe the configuration. The exit code is 0 when every network ran and agrees with the
// reference, 1 otherwise. "table" compares such files, one per configuration (see Table).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "table")
{
    return Table.Print(args[1..]);
}

string? outPath = null;
HashSet<string>? only = null;
bool stages = false;
for (int a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--out" when a + 1 < args.Length:
            outPath = args[++a];
            break;
        case "--only" when a + 1 < args.Length:
            only = new HashSet<string>(args[++a].Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
            break;
        case "--stages":
            stages = true;
            break;
        default:
            Console.Error.WriteLine("usage: NetGen.DeterminismCheck [--out FILE] [--only NAME,...] [--stages]");
            return 2;
    }
}

if (!BitConverter.IsLittleEndian)
{
    Console.Error.WriteLine("The check hashes little-endian bits; this machine is big-endian.");
    return 2;
}

// Small networks train on 48 samples; the MNIST-shaped ones on 8, so that the run stays short where multiply-adds
// are computed in software and under emulation.
NetworkCheck[] checks =
[
    new NetworkCheck<double>(nameof(Tutorial), s => new Tutorial(s), 1, 48),
    new NetworkCheck<double>(nameof(UnrolledNesterov), s => new UnrolledNesterov(s), 2, 48),
    new NetworkCheck<double>(nameof(UnrolledSoftmaxAdam), s => new UnrolledSoftmaxAdam(s), 3, 48),
    new NetworkCheck<double>(nameof(UnrolledBceAdamW), s => new UnrolledBceAdamW(s), 4, 48),
    new NetworkCheck<double>(nameof(UnrolledL1Dropout), s => new UnrolledL1Dropout(s), 5, 48),
    new NetworkCheck<double>(nameof(UnrolledHuberAdagrad), s => new UnrolledHuberAdagrad(s), 6, 48),
    new NetworkCheck<float>(nameof(FloatUnrolledSoftmax), s => new FloatUnrolledSoftmax(s), 7, 48),
    new NetworkCheck<float>(nameof(FloatUnrolledBce), s => new FloatUnrolledBce(s), 8, 48),
    new NetworkCheck<float>(nameof(FloatUnrolledHuber), s => new FloatUnrolledHuber(s), 9, 48),
    new NetworkCheck<float>(nameof(FloatUnrolledSquare), s => new FloatUnrolledSquare(s), 10, 48),
    new NetworkCheck<double>(nameof(LoopsNesterov), s => new LoopsNesterov(s), 11, 48),
    new NetworkCheck<double>(nameof(LoopsSoftmaxDropout), s => new LoopsSoftmaxDropout(s), 12, 48),
    new NetworkCheck<double>(nameof(LoopsBceAdamW), s => new LoopsBceAdamW(s), 13, 48),
    new NetworkCheck<double>(nameof(LoopsL1RMSprop), s => new LoopsL1RMSprop(s), 14, 48),
    new NetworkCheck<double>(nameof(LoopsHuberAdagrad), s => new LoopsHuberAdagrad(s), 15, 48),
    new NetworkCheck<double>(nameof(LoopsSquare), s => new LoopsSquare(s), 16, 48),
    new NetworkCheck<float>(nameof(FloatLoopsSoftmax), s => new FloatLoopsSoftmax(s), 17, 48),
    new NetworkCheck<float>(nameof(FloatLoopsBceDropout), s => new FloatLoopsBceDropout(s), 18, 48),
    new NetworkCheck<float>(nameof(FloatLoopsHuberNesterov), s => new FloatLoopsHuberNesterov(s), 19, 48),
    new NetworkCheck<float>(nameof(FloatLoopsL1Adagrad), s => new FloatLoopsL1Adagrad(s), 20, 48),
    new NetworkCheck<double>(nameof(MixedAuto), s => new MixedAuto(s), 21, 48),
    new NetworkCheck<double>(nameof(MixedLayers), s => new MixedLayers(s), 22, 48),
    new NetworkCheck<float>(nameof(FloatMixedLayers), s => new FloatMixedLayers(s), 23, 48),
    new NetworkCheck<float>(nameof(Mnist128Adam), s => new Mnist128Adam(s), 24, 8),
    new NetworkCheck<float>(nameof(Mnist64Sigmoid), s => new Mnist64Sigmoid(s), 25, 8),
];

if (only is not null)
{
    string[] unknown = only.Where(name => !checks.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))).ToArray();
    if (unknown.Length > 0)
    {
        Console.Error.WriteLine($"no network named {string.Join(", ", unknown)}; the networks: {string.Join(", ", checks.Select(c => c.Name))}");
        return 2;
    }

    checks = checks.Where(c => only.Contains(c.Name)).ToArray();
}

string[] configuration = Configuration.Describe();
Console.WriteLine("NetGen determinism check");
foreach (string line in configuration)
{
    Console.WriteLine("  " + line);
}

Console.WriteLine();
Console.WriteLine($"{"network",-24} {"sizes",-18} {"hash",-16}  {"ms",6}  agreement with the reference network (largest deviation: values, training)");
var lines = new List<string>();
using var combined = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
int disagreements = 0, errors = 0;
var total = Stopwatch.StartNew();
foreach (NetworkCheck check in checks)
{
    var watch = Stopwatch.StartNew();
    CheckResult result;
    try
    {
        result = check.Run();
    }
    catch (Exception e)
    {
        errors++;
        Console.WriteLine($"{check.Name,-24} {"",-18} {"error",-16}  {watch.ElapsedMilliseconds,6}  {e.GetType().Name}: {e.Message}");
        Console.Error.WriteLine(e);
        lines.Add($"{check.Name}\terror\terror\t");
        combined.AppendData(Encoding.UTF8.GetBytes($"{check.Name}\terror\n"));
        continue;
    }

    string hash = Fingerprint.Hex(result.Digest, 16);
    Agreement agreement = result.Agreement;
    string verdict = agreement.Agrees
        ? $"agrees ({agreement.Values:0.0e+0}, {agreement.Training:0.0e+0})"
        : $"DISAGREES: {agreement.Where} off by {Math.Max(agreement.Values, agreement.Training):0.0e+0} (tolerances {agreement.ValuesTolerance:0e+0}, {agreement.TrainingTolerance:0e+0})";
    if (!agreement.Agrees)
    {
        disagreements++;
    }

    Console.WriteLine($"{result.Name,-24} {result.Shape,-18} {hash,-16}  {watch.ElapsedMilliseconds,6}  {verdict}; {result.Note}");
    string stageList = string.Join(" ", result.Stages.Select(s => $"{s.Stage}={Fingerprint.Hex(s.Digest, 16)}"));
    if (stages)
    {
        Console.WriteLine($"{"",24}   {stageList}");
    }

    lines.Add($"{result.Name}\t{hash}\t{(agreement.Agrees ? "agrees" : "disagrees")}\t{stageList}");
    combined.AppendData(Encoding.UTF8.GetBytes($"{result.Name}\t{Convert.ToHexString(result.Digest)}\n"));
}

string all = Fingerprint.Hex(combined.GetHashAndReset(), 16);
Console.WriteLine($"{"combined",-24} {"",-18} {all,-16}  {total.ElapsedMilliseconds,6}");
lines.Add($"combined\t{all}\t{(disagreements == 0 && errors == 0 ? "agrees" : "disagrees")}\t");
Console.WriteLine();
Console.WriteLine($"{checks.Length} networks: {checks.Length - errors - disagreements} agree with the reference network, {disagreements} disagree, {errors} failed to run");

if (outPath is not null)
{
    File.WriteAllLines(outPath, configuration.Select(c => "# " + c).Concat(lines));
}

return disagreements == 0 && errors == 0 ? 0 : 1;

/// <summary>What the check runs on: runtime, code generation, the NetGen build and the vector hardware.</summary>
internal static class Configuration
{
    public static string[] Describe()
    {
        string netgen = typeof(INetwork).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName ?? "unknown";
        var isa = new List<string> { $"Vector<T> {Vector<byte>.Count * 8} bits" };
        if (RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86)
        {
            isa.Add($"AVX-512F {YesNo(System.Runtime.Intrinsics.X86.Avx512F.IsSupported)}");
            isa.Add($"AVX2 {YesNo(System.Runtime.Intrinsics.X86.Avx2.IsSupported)}");
            isa.Add($"AVX {YesNo(System.Runtime.Intrinsics.X86.Avx.IsSupported)}");
            isa.Add($"FMA {YesNo(System.Runtime.Intrinsics.X86.Fma.IsSupported)}");
            isa.Add($"SSE4.2 {YesNo(System.Runtime.Intrinsics.X86.Sse42.IsSupported)}");
        }
        else if (RuntimeInformation.ProcessArchitecture is Architecture.Arm64)
        {
            isa.Add($"AdvSimd {YesNo(System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported)}");
        }

        isa.Add($"Vector512 {YesNo(Vector512.IsHardwareAccelerated)}, Vector256 {YesNo(Vector256.IsHardwareAccelerated)}, Vector128 {YesNo(Vector128.IsHardwareAccelerated)}");
        return
        [
            $"runtime\t{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, {(RuntimeFeature.IsDynamicCodeCompiled ? "JIT" : "NativeAOT")}",
            $"netgen\tbuilt for {netgen}; multiply-adds fused: {YesNo(NetGen.Runtime.Arithmetic.FusesMultiplyAdd)}",
            $"vectors\t{string.Join(", ", isa)}",
        ];
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
