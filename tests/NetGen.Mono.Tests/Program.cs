using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NetGen.MonoCheck
{
    /// <summary>
    /// Runs every check and prints one line for each: <c>name TAB result TAB comparison TAB values</c>. The result is
    /// <c>ok</c> or <c>FAIL: why</c>, from what the check asserts on its own runtime; the values are what .ci/mono compares
    /// between Mono and .NET, <c>exact</c> (the same text: bits in hexadecimal) for deterministic networks, <c>close</c>
    /// (numbers within a relative 1e-6) otherwise. Exit code 0 when every check passed here.
    /// </summary>
    public static class Program
    {
        public static int Main()
        {
            var lines = new List<string>();
            Checks.All(lines);
            int failed = 0;
            foreach (string line in lines)
            {
                Console.WriteLine(line);
                if (line.Split('\t')[1] != "ok")
                {
                    failed++;
                }
            }

            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} checks, {1} failed, on {2}", lines.Count, failed, Checks.RuntimeName()));
            return failed == 0 ? 0 : 1;
        }
    }
}
