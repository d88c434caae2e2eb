using System.Linq;
using System.Threading.Tasks;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 4: Blazor components written as <c>.razor</c> files. The compiler sees only Razor's
/// generated C#, so these tests guard two things the verifier tests cannot: that the packed
/// analyzers analyze Razor's generated code (other generated code is skipped), and that what the
/// user sees points at the <c>.razor</c> file's own line through the generator's <c>#line</c> mapping.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class RazorTests(PackageFeed feed)
{
    private const string Imports = """
        @using Chat.Client
        @using Microsoft.AspNetCore.Components
        """;

    /// <summary>Connects on every render twice: in markup code (BuildRenderTree) and in OnAfterRenderAsync without a firstRender guard.</summary>
    private const string RenderConnectComponent = """
        @inject ChatClient Client

        <span>@Client.IsConnected</span>
        @{
            _ = Client.ConnectUserAsync(new ChatUser("alice"), "token");
        }

        @code {
            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                await Client.ConnectUserAsync(new ChatUser("alice"), "token");
            }
        }
        """;

    /// <summary>Connects once, but the component never disconnects: no @implements IAsyncDisposable.</summary>
    private const string UndisposedComponent = """
        @inject ChatClient Client

        <p>Chat</p>

        @code {
            protected override async Task OnInitializedAsync()
            {
                await Client.ConnectUserAsync(new ChatUser("alice"), "token");
            }
        }
        """;

    /// <summary>The shape the rules ask for: connect once, disconnect when the component goes away.</summary>
    private const string CorrectComponent = """
        @implements IAsyncDisposable
        @inject ChatClient Client

        <p>Chat</p>

        @code {
            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                if (firstRender)
                {
                    await Client.ConnectUserAsync(new ChatUser("alice"), "token");
                }
            }

            public async ValueTask DisposeAsync() => await Client.DisconnectUserAsync();
        }
        """;

    [Fact]
    public async Task Misuse_in_razor_components_is_reported_on_the_razor_files_own_lines()
    {
        var consumer = RazorConsumer("RazorMisuse")
            .WithFile("ChatBadge.razor", RenderConnectComponent)
            .WithFile("ChatPanel.razor", UndisposedComponent)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        var diagnostics = ConsumerProject.ChatDiagnostics(output);
        // Line and column of the connect invocation as the user wrote it in the .razor file.
        Assert.Contains(diagnostics, d => d is { Id: "CHAT002", File: "ChatBadge.razor", Line: 5, Column: 9 } && d.Message.Contains("'BuildRenderTree'"));
        Assert.Contains(diagnostics, d => d is { Id: "CHAT002", File: "ChatBadge.razor", Line: 11, Column: 15 } && d.Message.Contains("'OnAfterRenderAsync'"));
        Assert.Contains(diagnostics, d => d is { Id: "CHAT004", File: "ChatPanel.razor", Line: 8, Column: 15 });
        Assert.DoesNotContain(diagnostics, d => d is { Id: "CHAT002", File: "ChatPanel.razor" });
        // Nothing may point into Razor's generated C#: a user cannot open or fix that file.
        Assert.All(diagnostics, d => Assert.EndsWith(".razor", d.File));
    }

    [Fact]
    public async Task A_correct_component_builds_clean_with_warnings_as_errors()
    {
        var consumer = RazorConsumer("RazorCorrect")
            .WithProperty("TreatWarningsAsErrors", "true")
            .WithFile("ChatRoom.razor", CorrectComponent)
            .Write();

        var (exitCode, output) = await consumer.BuildAsync();

        Assert.True(exitCode == 0, output);
        Assert.Empty(ConsumerProject.ChatDiagnostics(output));
    }

    /// <summary>A Razor class library as <c>dotnet new razorclasslib</c> shapes it, with the shared framework instead of a package download.</summary>
    private ConsumerProject RazorConsumer(string name) =>
        feed.NewConsumer(name, "Microsoft.NET.Sdk.Razor")
            .WithItem("""<FrameworkReference Include="Microsoft.AspNetCore.App" />""")
            .WithFile("_Imports.razor", Imports);
}
