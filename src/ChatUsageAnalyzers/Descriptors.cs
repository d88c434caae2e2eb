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

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category, string description) =>
        new(id, title, messageFormat, category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
            description: description, helpLinkUri: HelpLinkBase + id + ".md");
}
