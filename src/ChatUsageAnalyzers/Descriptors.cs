using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>Every diagnostic the product reports, in one place (RULES.md is the contract).</summary>
internal static class Descriptors
{
    private const string HelpLinkBase = "https://github.com/ChatUsageAnalyzers/ChatUsageAnalyzers/blob/main/docs/rules/";

    internal static class Categories
    {
        public const string Performance = "Performance";
        public const string Usage = "Usage";
        public const string Reliability = "Reliability";
        public const string Configuration = "Configuration";
    }

    public static readonly DiagnosticDescriptor CHAT001_ConnectInLoop = Create(
        "CHAT001",
        "Connect call inside a loop",
        "'{0}' runs on every iteration of this '{1}' loop and can open a socket each time; connect once before the loop",
        Categories.Performance,
        "ConnectUser opens the user's WebSocket and must run once per session; inside a loop every iteration can open another socket and count against the per-user connection limit.");

    public static readonly DiagnosticDescriptor CHAT002_ConnectInRenderMethod = Create(
        "CHAT002",
        "Connect call in a render or per-frame method",
        "'{0}' runs on every {1} in {2} ({3}); {4}",
        Categories.Performance,
        "Render and per-frame methods run many times per second or per state change; a connect there opens sockets over and over. Connect once in the component's initialization method, guarded by the client's connection state.");

    public static readonly DiagnosticDescriptor CHAT003_ConnectInServerCode = Create(
        "CHAT003",
        "Connect call in server-side code",
        "'{0}' opens a client WebSocket in server-side code ({1}); issue a token on the server and connect from the client app",
        Categories.Usage,
        "ConnectUser counts a concurrent connection and an active user for every call: on a server it runs per request or per job. Servers issue tokens and use the server client; the client app connects.");

    public static readonly DiagnosticDescriptor CHAT004_ConnectWithoutDisconnect = Create(
        "CHAT004",
        "Connect without a matching disconnect",
        "'{0}' connects '{1}' in {2} but {3}, so a socket stays open after {4}; {5}",
        Categories.Reliability,
        "Every connect must be paired with DisconnectUser (or Dispose) when the chat UI goes away, in the teardown method that matches where the connect runs; otherwise sockets pile up until the per-user connection limit is hit.");

    public static readonly DiagnosticDescriptor CHAT005_UnguardedConnectInRepeatedLifecycleMethod = Create(
        "CHAT005",
        "Unguarded connect in a lifecycle method that runs more than once",
        "'{0}' opens a socket each time {1} runs, and {2} runs it more than once per instance; {3}",
        Categories.Reliability,
        "Lifecycle methods such as Blazor's OnParametersSetAsync, Unity's OnEnable or a page's OnAppearing run again on every parameter change, enable or navigation. An unguarded connect there opens another socket each time. Check the client's connection state first, or connect once in the component's initialization method.");

    public static readonly DiagnosticDescriptor CHAT006_ClientCreatedPerUse = Create(
        "CHAT006",
        "Chat client created per use",
        "'{0}' creates a new '{1}' {2}, and every client opens its own socket for the same user; {3}",
        Categories.Performance,
        "A chat client holds the user's one WebSocket and is meant to live as long as the session. A transient registration, or a creation in a loop or a method that runs over and over, makes a client per use: each one connects its own socket and counts against the per-user connection limit.");

    public static readonly DiagnosticDescriptor CHAT007_ConnectUsedToImportUsers = Create(
        "CHAT007",
        "Connect call used to import or update users in bulk",
        "'{0}' connects each '{2}' of this '{1}' loop, opening a socket and counting an active user per item; connecting is not an import: upsert the users in one batch with the server client's 'UpsertUsersAsync'",
        Categories.Usage,
        "ConnectUser gets-or-creates and partially updates the user, which makes a loop that connects every user look like an import. Each call opens a WebSocket and counts an active user. The server client's batch upsert creates and updates users without sockets.");

    public static readonly DiagnosticDescriptor CHAT900_InvalidConfigurationEntry = Create(
        "CHAT900",
        "Invalid chat_usage configuration entry",
        "'{1}' in {0} is ignored: {2}",
        Categories.Configuration,
        "The chat_usage.* options of .editorconfig or a global AnalyzerConfig name the client methods the rules target. An entry that is malformed, names a type the compilation does not have, or a member that type does not have is ignored, so the rules silently miss the calls it meant to cover.");

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, string description) =>
        new(id, title, messageFormat, category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: description, helpLinkUri: HelpLinkBase + id + ".md");
}
