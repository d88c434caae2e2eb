using System.Collections.Immutable;
using System.IO;
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
    public static readonly ReferenceAssemblies AspNetCore10 = Net10.AddPackages(
        ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", "10.0.12")));

    /// <summary>The reference client, <c>Chat.Client.dll</c> as built by this repository.</summary>
    public static readonly MetadataReference ChatClient = MetadataReference.CreateFromFile(typeof(Chat.Client.ChatClient).Assembly.Location);
}
