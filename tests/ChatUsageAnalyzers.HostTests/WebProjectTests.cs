using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 3: CHAT003's project classification comes from MSBuild properties of the project SDK,
/// which reach the analyzers only as <c>build_property.*</c> (CompilerVisibleProperty). The same
/// code is server-side in a web or worker project and client-side in Blazor WebAssembly.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class WebProjectTests(PackageFeed feed)
{
    /// <summary>Plain code with nothing server-shaped in it: only the project kind decides.</summary>
    private const string StartupSource = """
        using System.Threading.Tasks;
        using Chat.Client;

        public static class Program
        {
            public static async Task Main()
            {
                await using var client = new ChatClient("key");
                await client.ConnectUserAsync(new ChatUser("alice"), "token");
            }
        }
        """;

    [Fact]
    public async Task A_web_project_gets_CHAT003_with_the_web_SDK_property_visible()
    {
        var consumer = feed.NewConsumer("Web", "Microsoft.NET.Sdk.Web")
            .WithProperty("OutputType", "Exe")
            .WithFile("Program.cs", StartupSource)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        var diagnostic = Assert.Single(ConsumerProject.ChatDiagnostics(output));
        Assert.Equal(("CHAT003", "Program.cs", 9), (diagnostic.Id, diagnostic.File, diagnostic.Line));
        Assert.Contains("web project", diagnostic.Message, System.StringComparison.Ordinal);
        // The .NET SDK (5+) exposes this property on its own as well; the package's props keep older hosts covered.
        Assert.Contains("build_property.UsingMicrosoftNETSdkWeb = true", GeneratedEditorConfig(consumer));
    }

    [Fact]
    public async Task A_Blazor_WebAssembly_project_with_the_same_code_gets_no_CHAT003()
    {
        var consumer = feed.NewConsumer("Wasm", "Microsoft.NET.Sdk.BlazorWebAssembly")
            .WithProperty("OutputType", "Exe")
            .WithItem("""<PackageReference Include="Microsoft.AspNetCore.Components.WebAssembly" Version="10.0.15" />""")
            .WithFile("Program.cs", StartupSource)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Empty(ConsumerProject.ChatDiagnostics(output));
        // No SDK exposes this property: without the package's props the analyzers could not tell a
        // WebAssembly app from a server one.
        Assert.Contains("build_property.UsingMicrosoftNETSdkBlazorWebAssembly = true", GeneratedEditorConfig(consumer));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("build;buildTransitive", false)]
    public async Task A_worker_project_is_server_side_only_through_the_package_props(string? excludedAssets, bool expectCHAT003)
    {
        // The Worker SDK's marker property reaches the compiler only through build/ChatUsageAnalyzers.props:
        // excluding the package's build assets (analyzers still load) loses the classification.
        var consumer = feed.NewConsumer("Worker", "Microsoft.NET.Sdk.Worker")
            // The Worker SDK's implicit usings name Microsoft.Extensions.Hosting, which this lean consumer does not reference.
            .WithProperty("ImplicitUsings", "disable")
            .WithFile("Program.cs", StartupSource);
        consumer.ExcludedAnalyzerAssets = excludedAssets;
        consumer.Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        var diagnostics = ConsumerProject.ChatDiagnostics(output);
        if (expectCHAT003)
        {
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal("CHAT003", diagnostic.Id);
            Assert.Contains("worker service project", diagnostic.Message, System.StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(diagnostics);
            Assert.DoesNotContain("build_property.UsingMicrosoftNETSdkWorker", GeneratedEditorConfig(consumer));
        }
    }

    /// <summary>The analyzer config MSBuild writes from CompilerVisibleProperty items (what the analyzers read as build_property.*).</summary>
    private static string GeneratedEditorConfig(ConsumerProject consumer) =>
        File.ReadAllText(Directory.EnumerateFiles(Path.Combine(consumer.Directory, "obj"), "*.GeneratedMSBuildEditorConfig.editorconfig", SearchOption.AllDirectories).Single());
}
