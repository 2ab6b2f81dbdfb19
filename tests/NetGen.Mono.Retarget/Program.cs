using System;
using System.IO;
using System.Linq;
using Mono.Cecil;

// Two things Debian's Mono 6.8 lacks that an assembly built against .NET Standard 2.1 needs, which this tool supplies
// before the Mono check (.ci/mono) runs the test program:
//
// 1. .NET Standard 2.1's reference assembly declares ReadOnlySpan<T>'s indexer (and the other members that return
//    `ref readonly`) as `modreq(InAttribute) ref T`, as .NET defines them; Mono 6.8's class library, compiled by Mono's
//    own C# compiler, declares them as a plain `ref T`. A method reference must match exactly, so on Mono 6.8 every
//    `span[i]` of a ReadOnlySpan compiled against netstandard.dll throws MissingMethodException; `in` parameters carry
//    the same modifier. Each assembly named on the command line gets its references rewritten to Mono's signatures (the
//    modifier dropped), all that differs; the IL is unchanged.
// 2. Libraries built for .NET Standard 2.0 (System.IO.Hashing, System.Text.Json) take Span from the System.Memory
//    assembly and ValueTask from System.Threading.Tasks.Extensions, which on .NET Standard 2.1 platforms are facades that
//    forward them to the core library. Mono 6.8 ships neither (later Monos do); each --facade writes one beside the
//    program, forwarding every type of the given package assembly to Mono's mscorlib, under that assembly's name,
//    version and public key.
//
//   NetGen.Mono.Retarget [--facade PACKAGE_ASSEMBLY OUTPUT_DIR]... ASSEMBLY...
const string InAttribute = "System.Runtime.InteropServices.InAttribute";
var files = args.ToList();
for (int at = files.IndexOf("--facade"); at >= 0; at = files.IndexOf("--facade"))
{
    WriteFacade(files[at + 1], files[at + 2]);
    files.RemoveRange(at, 3);
}

foreach (string path in files)
{
    int rewritten = 0;
    using (var assembly = AssemblyDefinition.ReadAssembly(path, new ReaderParameters { ReadWrite = true, InMemory = true }))
    {
        // The references as the metadata lists them, and as the method bodies name them (Cecil may read the two apart).
        var references = assembly.MainModule.GetMemberReferences().OfType<MethodReference>()
            .Concat(assembly.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
                .SelectMany(m => m.Body.Instructions).Select(i => i.Operand).OfType<MethodReference>()
                .Select(m => m is GenericInstanceMethod g ? g.ElementMethod : m));
        foreach (MethodReference method in references)
        {
            if (method.ReturnType is RequiredModifierType modified && modified.ModifierType.FullName == InAttribute)
            {
                method.ReturnType = modified.ElementType;
                rewritten++;
            }

            // `in` parameters carry the same modifier in reference assemblies.
            foreach (ParameterDefinition parameter in method.Parameters)
            {
                if (parameter.ParameterType is RequiredModifierType inModified && inModified.ModifierType.FullName == InAttribute)
                {
                    parameter.ParameterType = inModified.ElementType;
                    rewritten++;
                }
            }
        }

        assembly.Write(path);
    }

    Console.WriteLine($"{Path.GetFileName(path)}: {rewritten} method references rewritten to Mono 6.8's signatures");
}

return 0;

static void WriteFacade(string package, string directory)
{
    using var source = AssemblyDefinition.ReadAssembly(package);
    var name = new AssemblyNameDefinition(source.Name.Name, source.Name.Version) { PublicKey = source.Name.PublicKey, Culture = string.Empty };
    using var facade = AssemblyDefinition.CreateAssembly(name, source.Name.Name + ".dll", ModuleKind.Dll);
    ModuleDefinition module = facade.MainModule;
    var corlib = new AssemblyNameReference("mscorlib", new Version(4, 0, 0, 0)) { PublicKeyToken = new byte[] { 0xB7, 0x7A, 0x5C, 0x56, 0x19, 0x34, 0xE0, 0x89 } };
    module.AssemblyReferences.Clear();
    module.AssemblyReferences.Add(corlib);
    int count = 0;
    foreach (TypeDefinition type in source.MainModule.Types.Where(t => t.IsPublic))
    {
        var exported = new ExportedType(type.Namespace, type.Name, module, corlib) { Attributes = TypeAttributes.Forwarder };
        module.ExportedTypes.Add(exported);
        count++;
        foreach (TypeDefinition nested in type.NestedTypes.Where(n => n.IsNestedPublic))
        {
            module.ExportedTypes.Add(new ExportedType(string.Empty, nested.Name, module, corlib) { DeclaringType = exported });
        }
    }

    string output = Path.Combine(directory, source.Name.Name + ".dll");
    facade.Write(output);
    Console.WriteLine($"{Path.GetFileName(output)} {source.Name.Version}: {count} types forwarded to mscorlib");
}
