using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Chooses and writes the teardown method CHAT004's fix creates when the type has none.</summary>
internal static class TeardownFactory
{
    /// <summary>
    /// The first teardown of <paramref name="entries"/> the type can declare: an override of a base
    /// member, a Unity/Godot message, or <c>DisposeAsync</c>/<c>Dispose</c> with its interface. Where
    /// the table allows any dispose, an inherited <c>Dispose(bool)</c> is preferred (the base already
    /// calls it), then <c>DisposeAsync</c>, which can await the disconnect.
    /// </summary>
    public static NewTeardown? Choose(Framework framework, ImmutableArray<LifecycleMethod> entries, INamedTypeSymbol type, Compilation compilation)
    {
        var candidates = entries.Where(e => !e.IsEventHandler).ToList();
        if (candidates.Any(e => e.Name == "DisposeAsync"))
        {
            candidates = candidates.OrderBy(e => e.Name == "Dispose" && e.ParameterCount == 1 ? 0 : e.Name == "DisposeAsync" ? 1 : 2).ToList();
        }

        foreach (var candidate in candidates)
        {
            if (BaseMember(type, candidate) is { } inherited)
            {
                if (Overridable(inherited, type) && StyleOf(inherited) is { } style)
                {
                    return new NewTeardown(candidate.Name, inherited, null, style);
                }

                continue;
            }

            switch (candidate.Name)
            {
                // A base that implements the interface explicitly disposes its own state there: a new method would bypass it.
                case "DisposeAsync" when compilation.GetTypeByMetadataName("System.IAsyncDisposable") is { } asyncDisposable
                    && compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask") is not null
                    && !ImplementedByBase(type, asyncDisposable):
                    return new NewTeardown(candidate.Name, null, DisconnectPlan.Implements(type, asyncDisposable) ? null : asyncDisposable, ReleaseStyle.AwaitDisconnect);
                case "Dispose" when candidate.ParameterCount == 0
                    && compilation.GetSpecialType(SpecialType.System_IDisposable) is var disposable
                    && !ImplementedByBase(type, disposable):
                    return new NewTeardown(candidate.Name, null, DisconnectPlan.Implements(type, disposable) ? null : disposable, ReleaseStyle.Dispose);
                case "Dispose" or "DisposeAsync":
                    // Dispose(bool) without a base that calls it never runs.
                    continue;
                default:
                    if (framework.Match == LifecycleMatch.Message && (candidate.ParameterCount ?? 0) == 0)
                    {
                        return new NewTeardown(candidate.Name, null, null, ReleaseStyle.AwaitDisconnect);
                    }

                    continue;
            }
        }

        return null;
    }

    public static bool IsTaskLike(ITypeSymbol type) =>
        type is INamedTypeSymbol { Arity: 0, Name: "Task" or "ValueTask" } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    /// <summary>The new method, with <paramref name="releases"/> after the base call (before it, for <c>Dispose(bool)</c>).</summary>
    public static MethodDeclarationSyntax Create(NewTeardown teardown, IReadOnlyList<StatementSyntax> releases, SyntaxGenerator generator, Compilation compilation)
    {
        var modifiers = new List<SyntaxToken>();
        TypeSyntax returnType;
        var parameters = new List<ParameterSyntax>();
        var statements = new List<StatementSyntax>();
        var awaits = teardown.Style == ReleaseStyle.AwaitDisconnect;
        if (teardown.Overridden is { } overridden)
        {
            modifiers.AddRange(AccessibilityTokens(overridden));
            modifiers.Add(Token(SyntaxKind.OverrideKeyword));
            returnType = overridden.ReturnsVoid ? PredefinedType(Token(SyntaxKind.VoidKeyword)) : TypeName(overridden.ReturnType, generator);
            parameters.AddRange(overridden.Parameters.Select(p => Parameter(Identifier(p.Name)).WithType(TypeName(p.Type, generator))));
            var baseCall = overridden.IsAbstract ? null : BaseCall(overridden);
            if (teardown.Style == ReleaseStyle.DisposeWhenDisposing)
            {
                statements.Add(IfStatement(IdentifierName(overridden.Parameters[0].Name), Block(releases)));
                statements.AddRange(baseCall is null ? Enumerable.Empty<StatementSyntax>() : new[] { baseCall });
            }
            else
            {
                // The base runs first, as it would without the override; the release follows.
                statements.AddRange(baseCall is null ? Enumerable.Empty<StatementSyntax>() : new[] { baseCall });
                statements.AddRange(releases);
            }

            awaits |= !overridden.ReturnsVoid && IsTaskLike(overridden.ReturnType);
        }
        else if (teardown.Name is "DisposeAsync" or "Dispose")
        {
            modifiers.Add(Token(SyntaxKind.PublicKeyword));
            returnType = teardown.Name == "DisposeAsync" && compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask") is { } valueTask
                ? TypeName(valueTask, generator)
                : PredefinedType(Token(SyntaxKind.VoidKeyword));
            statements.AddRange(releases);
        }
        else
        {
            // Unity and Godot find their messages by name: private, as their templates declare them.
            modifiers.Add(Token(SyntaxKind.PrivateKeyword));
            returnType = PredefinedType(Token(SyntaxKind.VoidKeyword));
            statements.AddRange(releases);
        }

        if (awaits)
        {
            modifiers.Add(Token(SyntaxKind.AsyncKeyword));
        }

        return MethodDeclaration(returnType, Identifier(teardown.Name))
            .WithModifiers(TokenList(modifiers))
            .WithParameterList(ParameterList(SeparatedList(parameters)))
            .WithBody(Block(statements))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    public static TypeSyntax TypeName(ITypeSymbol type, SyntaxGenerator generator) =>
        ((TypeSyntax)generator.TypeExpression(type)).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    private static StatementSyntax BaseCall(IMethodSymbol overridden)
    {
        ExpressionSyntax call = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, BaseExpression(), IdentifierName(overridden.Name)),
            ArgumentList(SeparatedList(overridden.Parameters.Select(p => Argument(IdentifierName(p.Name))))));
        return ExpressionStatement(!overridden.ReturnsVoid && IsTaskLike(overridden.ReturnType) ? AwaitExpression(call) : call);
    }

    private static IEnumerable<SyntaxToken> AccessibilityTokens(IMethodSymbol overridden)
    {
        var accessibility = overridden.DeclaredAccessibility;
        if (accessibility == Accessibility.ProtectedOrInternal && !overridden.ContainingAssembly.GivesAccessTo(overridden.ContainingAssembly))
        {
            accessibility = Accessibility.Protected;
        }

        return accessibility switch
        {
            Accessibility.Public => new[] { Token(SyntaxKind.PublicKeyword) },
            Accessibility.Internal => new[] { Token(SyntaxKind.InternalKeyword) },
            Accessibility.ProtectedOrInternal => new[] { Token(SyntaxKind.ProtectedKeyword), Token(SyntaxKind.InternalKeyword) },
            Accessibility.ProtectedAndInternal => new[] { Token(SyntaxKind.PrivateKeyword), Token(SyntaxKind.ProtectedKeyword) },
            _ => new[] { Token(SyntaxKind.ProtectedKeyword) },
        };
    }

    private static IMethodSymbol? BaseMember(INamedTypeSymbol type, LifecycleMethod entry)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(entry.Name).OfType<IMethodSymbol>().FirstOrDefault(m => !m.IsStatic && (entry.ParameterCount is null || m.Parameters.Length == entry.ParameterCount)) is { } member)
            {
                return member;
            }
        }

        return null;
    }

    private static bool ImplementedByBase(INamedTypeSymbol type, INamedTypeSymbol @interface) =>
        type.BaseType is { } baseType && DisconnectPlan.Implements(baseType, @interface);

    private static bool Overridable(IMethodSymbol member, INamedTypeSymbol type) =>
        (member.IsVirtual || member.IsAbstract || member.IsOverride) && !member.IsSealed
        && member.DeclaredAccessibility != Accessibility.Private
        && !(member.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedAndInternal && !member.ContainingAssembly.GivesAccessTo(type.ContainingAssembly))
        && member.Parameters.All(p => p.RefKind == RefKind.None);

    private static ReleaseStyle? StyleOf(IMethodSymbol member) =>
        member.Name == "Dispose" && member.ReturnsVoid ? (member.Parameters.Length == 1 ? ReleaseStyle.DisposeWhenDisposing : ReleaseStyle.Dispose)
        : member.ReturnsVoid || IsTaskLike(member.ReturnType) ? ReleaseStyle.AwaitDisconnect
        : null;
}

/// <summary>Adds an interface to a type declaration's base list, keeping the trivia around it.</summary>
internal static class BaseTypes
{
    public static TypeDeclarationSyntax Add(TypeDeclarationSyntax type, TypeSyntax @interface)
    {
        if (type.BaseList is { Types.Count: 0 } empty)
        {
            // Incomplete code ("class Panel :"): the colon is already there.
            return type.WithBaseList(empty.WithTypes(SingletonSeparatedList<BaseTypeSyntax>(SimpleBaseType(@interface))));
        }

        if (type.BaseList is { } baseList)
        {
            var last = baseList.Types.Last();
            var types = baseList.Types
                .Replace(last, last.WithoutTrailingTrivia())
                .Add(SimpleBaseType(@interface).WithTrailingTrivia(last.GetTrailingTrivia()));
            return type.WithBaseList(baseList.WithTypes(types));
        }

        // "class Panel" + " : IAsyncDisposable", before the line break that followed the name.
        var lastToken = type.TypeParameterList?.GetLastToken() ?? type.Identifier;
        var trailing = lastToken.TrailingTrivia;
        var newList = BaseList(
            Token(SyntaxKind.ColonToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
            SingletonSeparatedList<BaseTypeSyntax>(SimpleBaseType(@interface).WithTrailingTrivia(trailing)));
        return type.ReplaceToken(lastToken, lastToken.WithTrailingTrivia()).WithBaseList(newList);
    }
}
