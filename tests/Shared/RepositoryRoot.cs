using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ChatUsageAnalyzers.Testing;

/// <summary>
/// The repository the test assembly was built from (tests/Directory.Build.props records it), so
/// tests find README, docs and scripts wherever their output was built.
/// </summary>
internal static class RepositoryRoot
{
    public static readonly string Path = Find();

    public static string Combine(string relativePath) =>
        System.IO.Path.Combine(Path, relativePath.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string Find()
    {
        var root = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        return root is not null && File.Exists(System.IO.Path.Combine(root, "ChatUsageAnalyzers.sln"))
            ? root
            : throw new InvalidOperationException($"The test assembly names no repository root ('{root}'); build it from the repository.");
    }
}
