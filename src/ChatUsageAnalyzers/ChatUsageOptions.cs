using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers;

/// <summary>Which <c>chat_usage.*</c> list an entry comes from (RULES.md "Configuration").</summary>
internal enum ConfiguredRole
{
    Connect,
    Disconnect,
    State,
    Render,
    Repeating,
}

/// <summary>One <c>Namespace.Type.Member</c> entry of a <c>chat_usage.*</c> list, as written.</summary>
internal sealed class ConfiguredEntry
{
    public ConfiguredEntry(ConfiguredRole role, string key, string text, string typeMetadataName, string memberName)
    {
        Role = role;
        Key = key;
        Text = text;
        TypeMetadataName = typeMetadataName;
        MemberName = memberName;
    }

    public ConfiguredRole Role { get; }

    /// <summary>The option key, for messages: <c>chat_usage.connect_methods</c>.</summary>
    public string Key { get; }

    /// <summary>The entry as written (trimmed), for messages.</summary>
    public string Text { get; }

    public string TypeMetadataName { get; }

    public string MemberName { get; }
}

/// <summary>A configured entry that resolved in the compilation: its type exists and has the member.</summary>
internal sealed class ResolvedEntry
{
    public ResolvedEntry(ConfiguredEntry entry, INamedTypeSymbol type)
    {
        Entry = entry;
        Type = type;
    }

    public ConfiguredEntry Entry { get; }

    public INamedTypeSymbol Type { get; }

    public ConfiguredRole Role => Entry.Role;

    public string MemberName => Entry.MemberName;
}

/// <summary>A configuration entry that is ignored, and why (reported as CHAT900).</summary>
internal sealed class ConfigurationProblem
{
    public ConfigurationProblem(string key, string entry, string reason)
    {
        Key = key;
        Entry = entry;
        Reason = reason;
    }

    public string Key { get; }

    public string Entry { get; }

    public string Reason { get; }
}

/// <summary>
/// The <c>chat_usage.*</c> options of one compilation, from every <c>.editorconfig</c> section that
/// applies to one of its files and from global AnalyzerConfig files. The lists name types, so an
/// entry applies to the whole compilation whichever file's section sets it; <c>server_side</c> is
/// read per file (<see cref="ServerSide"/>). Read once per compilation and shared by every analyzer;
/// each distinct option value is parsed once per process.
/// </summary>
internal sealed class ChatUsageOptions
{
    public const string ConnectMethodsKey = "chat_usage.connect_methods";
    public const string DisconnectMethodsKey = "chat_usage.disconnect_methods";
    public const string ConnectionStateMembersKey = "chat_usage.connection_state_members";
    public const string RenderMethodsKey = "chat_usage.render_methods";
    public const string RepeatingMethodsKey = "chat_usage.repeating_methods";
    public const string ServerSideKey = "chat_usage.server_side";

    private static readonly ImmutableArray<(string Key, ConfiguredRole Role)> ListKeys = ImmutableArray.Create(
        (ConnectMethodsKey, ConfiguredRole.Connect),
        (DisconnectMethodsKey, ConfiguredRole.Disconnect),
        (ConnectionStateMembersKey, ConfiguredRole.State),
        (RenderMethodsKey, ConfiguredRole.Render),
        (RepeatingMethodsKey, ConfiguredRole.Repeating));

    /// <summary>Above this many distinct values (an IDE session of edits), the parse cache starts over.</summary>
    private const int ParseCacheLimit = 512;

    private static readonly ConcurrentDictionary<(string Key, string Value), ParsedValue> ParseCache = new();

    private static readonly ConditionalWeakTable<AnalyzerConfigOptionsProvider, ConditionalWeakTable<Compilation, ChatUsageOptions>> PerCompilation = new();

    public static readonly ChatUsageOptions Empty = new(null, ImmutableArray<ConfiguredEntry>.Empty, ImmutableArray<ConfigurationProblem>.Empty);

    private readonly Compilation? _compilation;
    private readonly ImmutableArray<ConfigurationProblem> _syntaxProblems;
    private readonly Lazy<(ImmutableArray<ResolvedEntry> Resolved, ImmutableArray<ConfigurationProblem> Problems)> _resolution;

    private ChatUsageOptions(Compilation? compilation, ImmutableArray<ConfiguredEntry> entries, ImmutableArray<ConfigurationProblem> syntaxProblems)
    {
        _compilation = compilation;
        Entries = entries;
        _syntaxProblems = syntaxProblems;
        _resolution = new(Resolve);
    }

    /// <summary>Every well-formed list entry, once each.</summary>
    public ImmutableArray<ConfiguredEntry> Entries { get; }

    /// <summary>Nothing under <c>chat_usage.*</c> is set: nothing to resolve or report.</summary>
    public bool IsEmpty => Entries.IsEmpty && _syntaxProblems.IsEmpty;

    /// <summary>The entries whose type and member exist in the compilation.</summary>
    public ImmutableArray<ResolvedEntry> Resolved => _resolution.Value.Resolved;

    /// <summary>Every ignored entry: malformed, unknown type, unknown member, or a <c>server_side</c> value that is not a boolean.</summary>
    public ImmutableArray<ConfigurationProblem> Problems => _resolution.Value.Problems;

    /// <summary>The resolved entries of one list.</summary>
    public IEnumerable<ResolvedEntry> ResolvedFor(ConfiguredRole role) => Resolved.Where(entry => entry.Role == role);

    /// <summary>The options of <paramref name="compilation"/>, read once and shared by every analyzer that asks.</summary>
    public static ChatUsageOptions Read(Compilation compilation, AnalyzerConfigOptionsProvider provider) =>
        PerCompilation.GetValue(provider, _ => new ConditionalWeakTable<Compilation, ChatUsageOptions>())
            .GetValue(compilation, c => ReadUncached(c, provider));

    /// <summary>
    /// <c>chat_usage.server_side</c> for the file: its <c>.editorconfig</c> section first, else a
    /// global AnalyzerConfig; null when unset or not a boolean (the latter is reported as CHAT900).
    /// </summary>
    public static bool? ServerSide(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        if (provider.GetOptions(tree).TryGetValue(ServerSideKey, out var perFile) && ParseBoolean(perFile) is { } fromFile)
        {
            return fromFile;
        }

        return provider.GlobalOptions.TryGetValue(ServerSideKey, out var global) ? ParseBoolean(global) : null;
    }

    /// <summary><c>true</c>/<c>false</c> in any case, surrounding spaces ignored; null otherwise.</summary>
    public static bool? ParseBoolean(string? value) =>
        bool.TryParse(value?.Trim(), out var parsed) ? parsed : null;

    private static ChatUsageOptions ReadUncached(Compilation compilation, AnalyzerConfigOptionsProvider provider)
    {
        // Files under the same sections share one options object: read each object once.
        var sources = new HashSet<AnalyzerConfigOptions>(ReferenceEqualityComparer.Instance) { provider.GlobalOptions };
        foreach (var tree in compilation.SyntaxTrees)
        {
            sources.Add(provider.GetOptions(tree));
        }

        var entries = ImmutableArray.CreateBuilder<ConfiguredEntry>();
        var problems = ImmutableArray.CreateBuilder<ConfigurationProblem>();
        var seenEntries = new HashSet<(string, string)>();
        var seenProblems = new HashSet<(string, string)>();
        foreach (var options in sources)
        {
            foreach (var (key, role) in ListKeys)
            {
                if (!options.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                var parsed = Parse(key, role, value);
                entries.AddRange(parsed.Entries.Where(entry => seenEntries.Add((entry.Key, entry.Text))));
                problems.AddRange(parsed.Problems.Where(problem => seenProblems.Add((problem.Key, problem.Entry))));
            }

            if (options.TryGetValue(ServerSideKey, out var serverSide) && ParseBoolean(serverSide) is null
                && seenProblems.Add((ServerSideKey, serverSide)))
            {
                problems.Add(new ConfigurationProblem(ServerSideKey, serverSide, "the value must be 'true' or 'false'"));
            }
        }

        return entries.Count == 0 && problems.Count == 0
            ? Empty
            : new ChatUsageOptions(compilation, entries.ToImmutable(), problems.ToImmutable());
    }

    private static ParsedValue Parse(string key, ConfiguredRole role, string value)
    {
        if (ParseCache.TryGetValue((key, value), out var cached))
        {
            return cached;
        }

        if (ParseCache.Count >= ParseCacheLimit)
        {
            ParseCache.Clear();
        }

        return ParseCache.GetOrAdd((key, value), _ => ParseUncached(key, role, value));
    }

    private static ParsedValue ParseUncached(string key, ConfiguredRole role, string value)
    {
        var entries = ImmutableArray.CreateBuilder<ConfiguredEntry>();
        var problems = ImmutableArray.CreateBuilder<ConfigurationProblem>();
        foreach (var raw in value.Split('|'))
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var lastDot = text.LastIndexOf('.');
            var typeName = lastDot > 0 ? text.Substring(0, lastDot) : "";
            var memberName = lastDot > 0 ? text.Substring(lastDot + 1) : "";
            if (IsTypeMetadataName(typeName) && IsIdentifier(memberName))
            {
                entries.Add(new ConfiguredEntry(role, key, text, typeName, memberName));
            }
            else
            {
                problems.Add(new ConfigurationProblem(key, text,
                    "write it as Namespace.Type.Member (the type's full metadata name, 'Outer+Inner' for a nested type), entries separated by '|'"));
            }
        }

        return new ParsedValue(entries.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>Dotted identifiers, with <c>+</c> for nested types and <c>`N</c> for generic arity: what GetTypeByMetadataName takes.</summary>
    private static bool IsTypeMetadataName(string name) =>
        name.Length > 0 && name.Split('.', '+').All(segment =>
        {
            var tick = segment.IndexOf('`');
            return tick < 0
                ? IsIdentifier(segment)
                : IsIdentifier(segment.Substring(0, tick)) && segment.Length > tick + 1 && segment.Skip(tick + 1).All(char.IsDigit);
        });

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

    private (ImmutableArray<ResolvedEntry>, ImmutableArray<ConfigurationProblem>) Resolve()
    {
        if (_compilation is null)
        {
            return (ImmutableArray<ResolvedEntry>.Empty, _syntaxProblems);
        }

        var resolved = ImmutableArray.CreateBuilder<ResolvedEntry>();
        var problems = _syntaxProblems.ToBuilder();
        foreach (var entry in Entries)
        {
            var type = _compilation.GetTypeByMetadataName(entry.TypeMetadataName);
            if (type is null)
            {
                problems.Add(new ConfigurationProblem(entry.Key, entry.Text,
                    $"no type '{entry.TypeMetadataName}' in this compilation (is the assembly referenced, and is this its full metadata name?)"));
            }
            else if (!HasMember(type, entry))
            {
                problems.Add(new ConfigurationProblem(entry.Key, entry.Text,
                    $"'{entry.TypeMetadataName}' has no {(entry.Role == ConfiguredRole.State ? "property, field or method" : "method")} '{entry.MemberName}'"));
            }
            else
            {
                resolved.Add(new ResolvedEntry(entry, type));
            }
        }

        return (resolved.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>The member on the type itself, a base type or an implemented interface.</summary>
    private static bool HasMember(INamedTypeSymbol type, ConfiguredEntry entry) =>
        TypeHierarchy.SelfAndSupertypes(type).Any(candidate => candidate.GetMembers(entry.MemberName).Any(member => entry.Role == ConfiguredRole.State
            ? member is IPropertySymbol or IFieldSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary }
            : member is IMethodSymbol { MethodKind: MethodKind.Ordinary }));

    private sealed class ParsedValue
    {
        public ParsedValue(ImmutableArray<ConfiguredEntry> entries, ImmutableArray<ConfigurationProblem> problems)
        {
            Entries = entries;
            Problems = problems;
        }

        public ImmutableArray<ConfiguredEntry> Entries { get; }

        public ImmutableArray<ConfigurationProblem> Problems { get; }
    }

    /// <summary>netstandard2.0 has no ReferenceEqualityComparer.</summary>
    private sealed class ReferenceEqualityComparer : IEqualityComparer<AnalyzerConfigOptions>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public bool Equals(AnalyzerConfigOptions? x, AnalyzerConfigOptions? y) => ReferenceEquals(x, y);

        public int GetHashCode(AnalyzerConfigOptions obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
