using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>A named group of analyzers measured together, and the diagnostic options it needs.</summary>
public sealed record AnalyzerSet(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers, ImmutableDictionary<string, ReportDiagnostic> EnabledRules)
{
    public const string Ours = "ours";
    public const string Floor = "empty analyzer";
    public const string Threading = "VS Threading";
    public const string Dispose = "CA2000/CA2213";

    /// <summary>Every analyzer of the ChatUsageAnalyzers assembly, as the package ships them.</summary>
    public static AnalyzerSet LoadOurs()
    {
        var analyzers = typeof(ConnectRulesAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        return new AnalyzerSet(Ours, analyzers, ImmutableDictionary<string, ReportDiagnostic>.Empty);
    }

    /// <summary>
    /// The same analyzers with every callback wrapped (<see cref="TimedAnalyzer"/>); new counters
    /// each time, so take one per pass.
    /// </summary>
    public AnalyzerSet Timed() =>
        this with { Name = Name + TimedSuffix, Analyzers = Analyzers.Select(analyzer => (DiagnosticAnalyzer)new TimedAnalyzer(analyzer)).ToImmutableArray() };

    public const string TimedSuffix = ", callbacks timed";

    public static AnalyzerSet LoadFloor() =>
        new(Floor, ImmutableArray.Create<DiagnosticAnalyzer>(new FloorAnalyzer()), ImmutableDictionary<string, ReportDiagnostic>.Empty);

    /// <summary>Microsoft.VisualStudio.Threading.Analyzers: every C# analyzer of the package, default severities.</summary>
    public static AnalyzerSet LoadThreading() => new(
        Threading,
        LoadPackage("ThreadingAnalyzersPackage", Path.Combine("analyzers", "cs"), _ => true),
        ImmutableDictionary<string, ReportDiagnostic>.Empty);

    /// <summary>
    /// Microsoft.CodeAnalysis.NetAnalyzers' dispose rules, the peer of CHAT004's pairing: the
    /// analyzers that report CA2000 or CA2213, with both enabled (they are off by default).
    /// </summary>
    public static AnalyzerSet LoadDispose()
    {
        string[] rules = ["CA2000", "CA2213"];
        var analyzers = LoadPackage(
            "NetAnalyzersPackage",
            Path.Combine("analyzers", "dotnet", "cs"),
            analyzer => analyzer.SupportedDiagnostics.Any(descriptor => rules.Contains(descriptor.Id, StringComparer.Ordinal)));
        return new AnalyzerSet(Dispose, analyzers, rules.ToImmutableDictionary(rule => rule, _ => ReportDiagnostic.Warn));
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadPackage(string metadataKey, string analyzerFolder, Func<DiagnosticAnalyzer, bool> include)
    {
        var packageRoot = typeof(AnalyzerSet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == metadataKey)?.Value;
        var folder = string.IsNullOrEmpty(packageRoot) ? null : Path.Combine(packageRoot, analyzerFolder);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new InvalidOperationException($"the peer package for {metadataKey} is not restored (expected {folder ?? "a package path"}): run 'dotnet restore' on the benchmark project");
        }

        var loader = new PackageAnalyzerLoader(folder);
        var failures = new List<string>();
        var analyzers = new List<DiagnosticAnalyzer>();
        // The packages' code-fix assemblies need Workspaces and are not analyzers.
        foreach (var path in Directory.EnumerateFiles(folder, "*.dll").Where(path => !path.Contains("CodeFixes", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{Path.GetFileName(path)}: {e.ErrorCode} {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp).Where(include));
        }

        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"peer analyzers in {folder} did not load with Roslyn {typeof(Compilation).Assembly.GetName().Version}:\n" + string.Join("\n", failures));
        }

        return analyzers.Count > 0 ? analyzers.ToImmutableArray() : throw new InvalidOperationException($"no analyzer selected in {folder}");
    }

    /// <summary>
    /// A package's analyzer assemblies in a context of their own that finds their siblings in the
    /// package folder; Roslyn and the framework come from the host, so the analyzers bind to its types.
    /// </summary>
    private sealed class PackageAnalyzerLoader : AssemblyLoadContext, IAnalyzerAssemblyLoader
    {
        private readonly string _folder;

        public PackageAnalyzerLoader(string folder)
            : base(folder) => _folder = folder;

        // The packages' analyzers depend only on their siblings, Roslyn and the framework.
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var sibling = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(sibling) ? LoadFromAssemblyPath(sibling) : null;
        }
    }
}
