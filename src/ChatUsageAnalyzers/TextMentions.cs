using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ChatUsageAnalyzers;

/// <summary>
/// Where a set of names is spelled in source text. The rules' pre-filter before any binding: a
/// connect call, a client creation or a handler subscription cannot be in code whose text never
/// spells the method, type or event name, so types without one get no operation actions at all.
/// The search is a plain ordinal text search, once per syntax tree (and thread).
/// </summary>
internal sealed class TextMentions
{
    private readonly ImmutableArray<string> _names;
    private readonly TypeDeclarations _declarations;

    // Per thread, as the other per-compilation memos (see ThreadCache): a shared table took its
    // lock for every tree's first lookup, and the rules' threads queued on it.
    private readonly ThreadCache<SyntaxTree, int[]> _positions = new(EqualityComparer<SyntaxTree>.Default);

    public TextMentions(IEnumerable<string> names, TypeDeclarations declarations)
    {
        _names = names.Where(name => name.Length > 0).Distinct(StringComparer.Ordinal).ToImmutableArray();
        _declarations = declarations;
    }

    public bool IsEmpty => _names.IsEmpty;

    /// <summary>True when one of the names starts within <paramref name="span"/> of <paramref name="tree"/>.</summary>
    public bool In(SyntaxTree tree, TextSpan span)
    {
        if (_names.IsEmpty)
        {
            return false;
        }

        var positions = _positions.GetOrAdd(tree, static (tree, self) => self.Find(tree), this);
        var index = Array.BinarySearch(positions, span.Start);
        if (index < 0)
        {
            index = ~index;
        }

        return index < positions.Length && positions[index] < span.End;
    }

    /// <summary>
    /// True when a declaration of <paramref name="type"/> (any partial part) spells one of the
    /// names. Not remembered: each set of names has one rule's filter asking, once per type.
    /// </summary>
    public bool InType(INamedTypeSymbol type)
    {
        if (_names.IsEmpty)
        {
            return false;
        }

        foreach (var reference in _declarations.Of(type))
        {
            if (In(reference.SyntaxTree, reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where any of the names starts in the tree's text, in order.</summary>
    private int[] Find(SyntaxTree tree)
    {
        // A string-backed text hands out its string without copying; larger texts are copied once.
        var text = tree.GetText().ToString();
        var positions = new List<int>();
        foreach (var name in _names)
        {
            for (var at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                positions.Add(at);
            }
        }

        positions.Sort();
        return positions.ToArray();
    }
}

/// <summary>
/// Where a type is declared (every partial part), for the text pre-filters. The compiler builds
/// the list anew on each request, and the rules' filters ask about a type one after another on
/// one thread (connect names, client factories, render events): each thread keeps its last type's.
/// </summary>
internal sealed class TypeDeclarations
{
    private readonly ThreadLast<INamedTypeSymbol, ImmutableArray<SyntaxReference>> _last = new();

    public ImmutableArray<SyntaxReference> Of(INamedTypeSymbol type) =>
        _last.GetOrAdd(type, static (type, _) => type.DeclaringSyntaxReferences, default(object));
}
