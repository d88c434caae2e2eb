using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChatUsageAnalyzers;

/// <summary>
/// Which namespaces a declaration sees types of by simple name: the namespaces it is declared in,
/// its file's and namespaces' using directives and the compilation's global usings, read from
/// syntax. Asking the binder instead looks the name up in every imported library namespace, and
/// the first lookup in one loads all of its types: hundreds of milliseconds charged to whichever
/// callback comes first, usually the compiler's own binding but at times a rule.
/// </summary>
internal sealed class ImportedNamespaces
{
    private readonly Lazy<Usings> _global;

    public ImportedNamespaces(Compilation compilation) =>
        _global = new Lazy<Usings>(() => GlobalUsings(compilation));

    /// <summary>
    /// True when <paramref name="written"/>, in <paramref name="declaration"/>, can mean the type of
    /// its name in <paramref name="namespace"/>: qualified with that namespace, or a simple name
    /// where the namespace encloses the declaration or is imported and no alias of that name is in
    /// scope (an alias is not followed).
    /// </summary>
    public bool Sees(SyntaxNode declaration, TypeSyntax written, string @namespace)
    {
        switch (written)
        {
            case QualifiedNameSyntax qualified:
                return Dotted(qualified.Left) == @namespace;
            case AliasQualifiedNameSyntax:
                return @namespace.Length == 0;
            case not SimpleNameSyntax:
                return false;
        }

        var name = ((SimpleNameSyntax)written).Identifier.ValueText;
        var enclosing = new List<string>();
        var usings = new Usings();
        foreach (var node in declaration.Ancestors())
        {
            switch (node)
            {
                case CompilationUnitSyntax unit:
                    usings.Add(unit.Usings);
                    break;
                case MemberDeclarationSyntax member when IsNamespace(member):
                    usings.Add(member.ChildNodes().OfType<UsingDirectiveSyntax>());
                    if (member.ChildNodes().OfType<NameSyntax>().FirstOrDefault() is { } namespaceName)
                    {
                        enclosing.Insert(0, Dotted(namespaceName));
                    }

                    break;
            }
        }

        if (usings.Aliases.Contains(name) || _global.Value.Aliases.Contains(name))
        {
            return false;
        }

        var declaredIn = string.Join(".", enclosing);
        return usings.Namespaces.Contains(@namespace)
            || _global.Value.Namespaces.Contains(@namespace)
            || declaredIn == @namespace
            || declaredIn.StartsWith(@namespace + ".", StringComparison.Ordinal);
    }

    /// <summary>
    /// A block or file-scoped namespace: the members that can hold types, told apart from the others
    /// by exclusion because Roslyn 3.7 has no file-scoped namespace node.
    /// </summary>
    public static bool IsNamespace(MemberDeclarationSyntax member) =>
        member is not (BaseTypeDeclarationSyntax or BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax
            or BaseFieldDeclarationSyntax or DelegateDeclarationSyntax or GlobalStatementSyntax or IncompleteMemberSyntax);

    private static Usings GlobalUsings(Compilation compilation)
    {
        var usings = new Usings();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax unit)
            {
                // Roslyn 3.7 has no GlobalKeyword property: the directive's first token tells.
                usings.Add(unit.Usings.Where(directive => directive.GetFirstToken().IsKind(SyntaxKind.GlobalKeyword)));
            }
        }

        return usings;
    }

    /// <summary>The type's own name as written: "ChatClient" for <c>ChatClient</c>, <c>Chat.Client.ChatClient</c> and <c>global::ChatClient</c>; null for other type syntax.</summary>
    public static string? SimpleNameOf(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    /// <summary>"Chat.Client" for <c>Chat.Client</c> and <c>global::Chat.Client</c>.</summary>
    private static string Dotted(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => Dotted(qualified.Left) + "." + qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => string.Empty,
    };

    private sealed class Usings
    {
        public HashSet<string> Namespaces { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Aliases { get; } = new(StringComparer.Ordinal);

        public void Add(IEnumerable<UsingDirectiveSyntax> directives)
        {
            foreach (var directive in directives)
            {
                if (directive.Alias is { } alias)
                {
                    Aliases.Add(alias.Name.Identifier.ValueText);
                }
                else if (!directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword))
                {
                    Namespaces.Add(Dotted(directive.Name));
                }
            }
        }
    }
}
