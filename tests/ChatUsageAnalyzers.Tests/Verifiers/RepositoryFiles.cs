using System.IO;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>Files of this repository (docs, release tracking, README).</summary>
internal static class RepositoryFiles
{
    public static string PathOf(string relativePath) => RepositoryRoot.Combine(relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));
}
