using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Chooses the teardown CHAT004's fix creates when the type has none; the method itself is
/// declared by <see cref="LifecycleMethods"/>, like every lifecycle method a fix adds.
/// </summary>
internal static class TeardownFactory
{
    /// <summary>
    /// The first teardown of <paramref name="entries"/> the type can declare: an override of a base
    /// member, a Unity/Godot message, or <c>DisposeAsync</c>/<c>Dispose</c> with its interface. Where
    /// the table allows any dispose, an inherited <c>Dispose(bool)</c> is preferred (the base already
    /// calls it), then <c>DisposeAsync</c>, which can await the disconnect. A teardown that would have
    /// to dispose is skipped for a client that is not <c>IDisposable</c>.
    /// </summary>
    public static NewTeardown? Choose(
        (Framework Framework, INamedTypeSymbol BaseType) framework,
        ImmutableArray<LifecycleMethod> entries,
        INamedTypeSymbol type,
        bool clientIsDisposable,
        SemanticModel model,
        CancellationToken cancellationToken)
    {
        var candidates = entries.Where(e => !e.IsEventHandler).ToList();
        if (candidates.Any(e => e.Name == "DisposeAsync"))
        {
            candidates = candidates.OrderBy(e => e.Name == "Dispose" && e.ParameterCount == 1 ? 0 : e.Name == "DisposeAsync" ? 1 : 2).ToList();
        }

        var compilation = model.Compilation;
        foreach (var candidate in candidates)
        {
            var teardown = candidate.Name is "Dispose" or "DisposeAsync" && candidate.ParameterCount == 0 && !IsInherited(type, candidate)
                ? Implementation(candidate.Name, type, compilation)
                : LifecycleMethods.Find(type, candidate, framework, model, cancellationToken) is { Declaration: null } slot
                    ? new NewTeardown(slot, null, StyleOf(slot))
                    : null;
            if (teardown is not null && (teardown.Style == ReleaseStyle.AwaitDisconnect || clientIsDisposable))
            {
                return teardown;
            }
        }

        return null;
    }

    public static TypeSyntax TypeName(ITypeSymbol type, SyntaxGenerator generator) =>
        ((TypeSyntax)generator.TypeExpression(type)).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// A new <c>DisposeAsync()</c>/<c>Dispose()</c> implementing its interface. Not when a base class
    /// implements the interface: it disposes its own state there, and a new method would bypass it;
    /// nor when the type declares a parameterless member of that name the analyzer does not count
    /// (a static one): a second declaration would not compile.
    /// </summary>
    private static NewTeardown? Implementation(string name, INamedTypeSymbol type, Compilation compilation)
    {
        var @interface = name == "DisposeAsync"
            ? compilation.GetTypeByMetadataName("System.IAsyncDisposable")
            : compilation.GetSpecialType(SpecialType.System_IDisposable);
        if (@interface is null || @interface.TypeKind == TypeKind.Error
            || type.GetMembers(name).OfType<IMethodSymbol>().Any(m => m.Parameters.Length == 0)
            || (type.BaseType is { } baseType && DisconnectPlan.Implements(baseType, @interface))
            || @interface.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault() is not { } member
            || !(member.ReturnsVoid || StatementSite.IsNonGenericAwaitable(member.ReturnType)))
        {
            return null;
        }

        var slot = LifecycleSlot.ToImplement(type, member);
        return new NewTeardown(slot, DisconnectPlan.Implements(type, @interface) ? null : @interface, StyleOf(slot));
    }

    private static bool IsInherited(INamedTypeSymbol type, LifecycleMethod entry)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(entry.Name).OfType<IMethodSymbol>().Any(m => !m.IsStatic && (entry.ParameterCount is null || m.Parameters.Length == entry.ParameterCount)))
            {
                return true;
            }
        }

        return false;
    }

    private static ReleaseStyle StyleOf(LifecycleSlot slot) =>
        slot.Name == "Dispose" && slot.ReturnsVoid
            ? (slot.Parameters.Length == 1 ? ReleaseStyle.DisposeWhenDisposing : ReleaseStyle.Dispose)
            : ReleaseStyle.AwaitDisconnect;
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
