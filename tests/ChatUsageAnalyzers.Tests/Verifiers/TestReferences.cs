using System.Collections.Immutable;
using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>Real reference assemblies (from the package registry) and the real client assembly.</summary>
internal static class TestReferences
{
    /// <summary>The .NET 10 reference pack, as a project targeting net10.0 compiles against.</summary>
    public static readonly ReferenceAssemblies Net10 = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "10.0.12"),
        Path.Combine("ref", "net10.0"));

    /// <summary>.NET 10 plus the ASP.NET Core shared framework's reference pack (Blazor, MVC, SignalR, hosting).</summary>
    public static readonly ReferenceAssemblies AspNetCore10 = WithPackages(Net10, new PackageIdentity("Microsoft.AspNetCore.App.Ref", "10.0.12"));

    private const string SignalRClientPackage = "Microsoft.AspNetCore.SignalR.Client";

    private static readonly Lazy<Task<ReferenceAssemblies>> SignalRClient = new(
        () => WithPackagesAsync(AspNetCore10, new PackageIdentity(SignalRClientPackage, PinnedVersionOf(SignalRClientPackage))));

    /// <summary>
    /// .NET 10, ASP.NET Core and the real SignalR client package (<c>Microsoft.AspNetCore.SignalR.Client</c>,
    /// at the version Directory.Packages.props pins), as a Blazor app that talks to a hub compiles against.
    /// </summary>
    public static Task<ReferenceAssemblies> AspNetCore10WithSignalRClientAsync() => SignalRClient.Value;

    /// <summary>The reference client, <c>Chat.Client.dll</c> as built by this repository.</summary>
    public static readonly MetadataReference ChatClient = MetadataReference.CreateFromFile(typeof(Chat.Client.ChatClient).Assembly.Location);

    /// <summary>
    /// <paramref name="references"/> plus <paramref name="packages"/> and their dependencies, all of
    /// them referenced even when the package cache starts empty (a fresh machine). There the testing
    /// library references a package only from the resolution after the one that downloaded it, one
    /// dependency level at a time, and it shares (with their cached resolution) instances that ask
    /// for the same thing. So: resolve distinct instances (each asks once more for
    /// <c>netstandard</c>, which the reference pack has anyway) until the set of references stops growing.
    /// </summary>
    public static async Task<ReferenceAssemblies> WithPackagesAsync(ReferenceAssemblies references, params PackageIdentity[] packages)
    {
        const int MaxAttempts = 8;
        var previousCount = -1;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var candidate = references.AddPackages(packages.ToImmutableArray()).AddAssemblies(Enumerable.Repeat("netstandard", attempt).ToImmutableArray());
            var count = (await candidate.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).ConfigureAwait(false)).Length;
            if (count == previousCount)
            {
                return candidate;
            }

            previousCount = count;
        }

        throw new InvalidOperationException($"{string.Join(", ", packages.Select(p => p.Id))} and their dependencies did not resolve in {MaxAttempts} attempts");
    }

    /// <summary>
    /// <see cref="WithPackagesAsync"/> for a static field: run on the thread pool, off any test's
    /// synchronization context, and touching no static field of this class (the thread that runs
    /// this class's initializer waits for it).
    /// </summary>
    private static ReferenceAssemblies WithPackages(ReferenceAssemblies references, PackageIdentity package) =>
        Task.Run(() => WithPackagesAsync(references, package)).GetAwaiter().GetResult();

    /// <summary>The version of a package in the repository's Directory.Packages.props.</summary>
    private static string PinnedVersionOf(string package)
    {
        var line = Regex.Match(
            RepositoryFiles.Read("Directory.Packages.props"),
            $"<PackageVersion Include=\"{Regex.Escape(package)}\" Version=\"(?<version>[^\"]+)\"");
        return line.Success ? line.Groups["version"].Value : throw new InvalidOperationException($"Directory.Packages.props pins no version of {package}");
    }
}
