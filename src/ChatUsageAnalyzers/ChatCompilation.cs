using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers;

/// <summary>
/// What the rules know about one compilation that references a chat client, built once. The
/// compilation-start action reads only the reference list and the client's own assembly; every
/// lookup that searches the compilation's source (<c>GetTypeByMetadataName</c> builds the
/// declarations of every file first) waits for the first callback that needs it, when the
/// compiler has already declared the source symbols. Done at compilation start, that build would
/// run inside one rule's action while the other rules' actions wait for it, all of it counted as
/// analyzer time.
/// </summary>
internal sealed class ChatCompilation
{
    private readonly Lazy<Lifecycles> _lifecycles;
    private readonly Lazy<ImmutableArray<FrameworkEvent>> _events;
    private readonly ThreadCache<SyntaxTree, bool> _skippedTrees = new(EqualityComparer<SyntaxTree>.Default);

    public ChatCompilation(Compilation compilation, ChatApi api, ChatUsageOptions options)
    {
        Compilation = compilation;
        Api = api;
        Options = options;
        _lifecycles = new Lazy<Lifecycles>(() => Lifecycles.Create(compilation, options));
        _events = new Lazy<ImmutableArray<FrameworkEvent>>(() => FrameworkEvent.Resolve(compilation));
        ConnectNames = new TextMentions(api.ConnectMethodNames, Declarations);
    }

    /// <summary>
    /// The compilation's chat facts, shared by every rule analyzing it; null when it references no
    /// targeted client (built in or configured), so the rules register nothing else.
    /// </summary>
    public static ChatCompilation? For(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        var options = ChatUsageOptions.Read(compilation, provider);
        var shared = PerCompilation.GetValue(compilation, c => new Shared(options, ChatApi.TryCreate(c, options) is { } api ? new ChatCompilation(c, api, options) : null));
        if (ReferenceEquals(shared.Options, options))
        {
            return shared.Chat;
        }

        // Another options provider for the same compilation (a host analyzing it twice): not shared.
        return ChatApi.TryCreate(compilation, options) is { } own ? new ChatCompilation(compilation, own, options) : null;
    }

    private static readonly ConditionalWeakTable<Compilation, Shared> PerCompilation = new();

    private sealed class Shared
    {
        public Shared(ChatUsageOptions options, ChatCompilation? chat)
        {
            Options = options;
            Chat = chat;
        }

        public ChatUsageOptions Options { get; }

        public ChatCompilation? Chat { get; }
    }

    public Compilation Compilation { get; }

    public ChatApi Api { get; }

    /// <summary>The <c>chat_usage.*</c> options (already merged into <see cref="Api"/> and <see cref="Lifecycles"/>).</summary>
    public ChatUsageOptions Options { get; }

    /// <summary>The lifecycle tables resolved against this compilation, at the first rule that asks.</summary>
    public Lifecycles Lifecycles => _lifecycles.Value;

    /// <summary>Where each type is declared, for every <see cref="TextMentions"/> of this compilation.</summary>
    public TypeDeclarations Declarations { get; } = new();

    /// <summary>The connect methods' names: code whose text spells none of them makes no connect call.</summary>
    public TextMentions ConnectNames { get; }

    /// <summary>The "handlers of" events of the lifecycle tables that this compilation references.</summary>
    public ImmutableArray<FrameworkEvent> Events => _events.Value;

    /// <summary>True for a symbol declared by this compilation (its source), not by a reference.</summary>
    public bool IsSource(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly);

    /// <summary>
    /// Generated code other than Razor's: every rule analyzes generated code, for Razor components,
    /// and skips the rest with this check (see <see cref="ChatAnalyzer"/>).
    /// </summary>
    public bool IsNonRazorGeneratedCode(SyntaxTree tree) =>
        _skippedTrees.GetOrAdd(tree, static (tree, _) => GeneratedCode.IsGeneratedButNotRazor(tree), default(object));
}
