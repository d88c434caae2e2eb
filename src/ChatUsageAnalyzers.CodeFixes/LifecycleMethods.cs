using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Finds a framework lifecycle method on a type, or works out the declaration that adds it.</summary>
internal static class LifecycleMethods
{
    /// <summary>Once points to try when the framework's own is not a member of the type: WinForms controls other than forms and user controls have no <c>OnLoad</c>.</summary>
    private static readonly Dictionary<string, LifecycleMethod[]> OncePointFallbacks = new(StringComparer.Ordinal)
    {
        ["WinForms"] = new[] { LifecycleMethod.Method("OnHandleCreated", 1) },
    };

    /// <summary>Frameworks whose lifecycle virtuals are empty hooks (Blazor's <c>ComponentBase</c>, Godot's <c>Node</c>): an override calls the base only when a class in between overrides it too.</summary>
    private static readonly HashSet<string> EmptyHookFrameworks = new(StringComparer.Ordinal) { "Blazor", "Godot" };

    /// <summary>The once-per-instance method of <paramref name="type"/> (RULES.md CHAT002's table), found or to be created; null when there is none that can be written.</summary>
    public static LifecycleSlot? OncePointOf(INamedTypeSymbol type, (Framework Framework, INamedTypeSymbol BaseType) framework, SemanticModel model, CancellationToken cancellationToken)
    {
        if (framework.Framework.OncePoint is not { } oncePoint)
        {
            return null;
        }

        var candidates = OncePointFallbacks.TryGetValue(framework.Framework.Name, out var fallbacks)
            ? new[] { oncePoint }.Concat(fallbacks)
            : new[] { oncePoint };
        return candidates.Select(c => Find(type, c, framework, model, cancellationToken)).FirstOrDefault(slot => slot is not null);
    }

    /// <summary>
    /// The lifecycle method <paramref name="method"/> of <paramref name="type"/>: its declaration when
    /// the type declares it in <paramref name="model"/>'s tree, else the override (or, for Unity and
    /// Godot messages, the private method) that adds it. Null when it is declared elsewhere (another
    /// file, metadata), when a member of that signature blocks it (static, <c>new</c>, sealed, or a
    /// non-virtual one in a base class that a new declaration would hide), or when its return type is
    /// neither <c>void</c> nor <c>Task</c>/<c>ValueTask</c>.
    /// </summary>
    public static LifecycleSlot? Find(INamedTypeSymbol type, LifecycleMethod method, (Framework Framework, INamedTypeSymbol BaseType) framework, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.IsEventHandler)
        {
            return null;
        }

        var declared = type.GetMembers(method.Name).OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary && (method.ParameterCount is not { } count || m.Parameters.Length == count))
            .ToList();
        if (declared.Count > 0)
        {
            return declared.Count == 1 ? Existing(declared[0], framework.Framework, model, cancellationToken) : null;
        }

        var inherited = NearestInherited(type, method);
        if (inherited is null)
        {
            // Unity's messages exist only by name: a parameterless one is simply declared.
            return framework.Framework.Match == LifecycleMatch.Message && method.ParameterCount is null or 0
                ? LifecycleSlot.ToCreate(type, method.Name, null, callsBase: false)
                : null;
        }

        if (!(inherited.IsVirtual || inherited.IsAbstract || inherited.IsOverride) || inherited.IsSealed
            || inherited.IsGenericMethod || inherited.Parameters.Any(p => p.RefKind != RefKind.None)
            || !model.Compilation.IsSymbolAccessibleWithin(inherited, type)
            || !(inherited.ReturnsVoid || StatementSite.IsNonGenericAwaitable(inherited.ReturnType)))
        {
            return null;
        }

        var callsBase = !inherited.IsAbstract
            && (!EmptyHookFrameworks.Contains(framework.Framework.Name) || !IsDeclaredBy(inherited, framework.BaseType));
        return LifecycleSlot.ToCreate(type, method.Name, inherited, callsBase);
    }

    private static LifecycleSlot? Existing(IMethodSymbol method, Framework framework, SemanticModel model, CancellationToken cancellationToken)
    {
        if (method.IsStatic || (framework.Match == LifecycleMatch.Override && !method.IsOverride)
            || !(method.ReturnsVoid || StatementSite.IsNonGenericAwaitable(method.ReturnType)))
        {
            return null;
        }

        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == model.SyntaxTree
                && reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
                && (declaration.Body is not null || declaration.ExpressionBody is not null))
            {
                return LifecycleSlot.ForExisting(method, declaration, model, cancellationToken);
            }
        }

        return null;
    }

    private static IMethodSymbol? NearestInherited(INamedTypeSymbol type, LifecycleMethod method)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            var found = current.GetMembers(method.Name).OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.MethodKind == MethodKind.Ordinary && !m.IsStatic
                    && (method.ParameterCount is not { } count || m.Parameters.Length == count));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>True when the framework's base type (or one of its own bases) declares <paramref name="method"/>, not a class in between.</summary>
    private static bool IsDeclaredBy(IMethodSymbol method, INamedTypeSymbol frameworkBase)
    {
        for (var current = frameworkBase; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, current.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// A lifecycle method that statements can be appended to: an existing declaration (made <c>async</c>
/// when the new statements await), or one to create (an override with the base's signature and
/// accessibility, calling the base where needed; the public implementation of an interface member;
/// or a Unity/Godot message).
/// </summary>
internal sealed class LifecycleSlot
{
    private readonly IMethodSymbol? _overridden;
    private readonly bool _callsBase;
    private readonly ITypeSymbol? _returnType;
    private readonly bool _endReachable;
    private readonly bool _hasEarlierReturns;

    private LifecycleSlot(string name, INamedTypeSymbol type, MethodDeclarationSyntax? declaration, IMethodSymbol? overridden, bool callsBase, ITypeSymbol? returnType, bool endReachable, bool hasEarlierReturns, IReadOnlyCollection<string> declaredNames)
    {
        Name = name;
        Type = type;
        Declaration = declaration;
        _overridden = overridden;
        _callsBase = callsBase;
        _returnType = returnType;
        _endReachable = endReachable;
        _hasEarlierReturns = hasEarlierReturns;
        DeclaredNames = declaredNames;
    }

    public string Name { get; }

    public INamedTypeSymbol Type { get; }

    /// <summary>The existing declaration; null when the method is to be created.</summary>
    public MethodDeclarationSyntax? Declaration { get; }

    /// <summary>Parameters and locals of the method: moved code that uses or declares one of these names would change meaning or clash.</summary>
    public IReadOnlyCollection<string> DeclaredNames { get; }

    /// <summary>The parameters of the method to create (the overridden or implemented member's); empty for a message or an existing declaration.</summary>
    public ImmutableArray<IParameterSymbol> Parameters => _overridden?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;

    public bool ReturnsVoid => _returnType is null || _returnType.SpecialType == SpecialType.System_Void;

    /// <summary>
    /// <c>Dispose(bool disposing)</c> follows the dispose pattern: a derived class releases its own
    /// resources first, then lets the base release its.
    /// </summary>
    private bool CallsBaseLast => Name == "Dispose" && Parameters is { Length: 1 } parameters && parameters[0].Type.SpecialType == SpecialType.System_Boolean;

    private bool Implements => _overridden is { ContainingType.TypeKind: TypeKind.Interface };

    private bool ReturnsAwaitable => _returnType is not null && StatementSite.IsNonGenericAwaitable(_returnType);

    public static LifecycleSlot ToCreate(INamedTypeSymbol type, string name, IMethodSymbol? overridden, bool callsBase) =>
        new(name, type, null, overridden, callsBase, overridden?.ReturnType, endReachable: true, hasEarlierReturns: false,
            overridden?.Parameters.Select(p => p.Name).ToList() ?? new List<string>());

    /// <summary>A new public method implementing <paramref name="interfaceMember"/> (<c>DisposeAsync</c> of <c>IAsyncDisposable</c>): no <c>override</c>, no base call.</summary>
    public static LifecycleSlot ToImplement(INamedTypeSymbol type, IMethodSymbol interfaceMember) =>
        ToCreate(type, interfaceMember.Name, interfaceMember, callsBase: false);

    public static LifecycleSlot ForExisting(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var endReachable = true;
        var hasEarlierReturns = false;
        if (declaration.Body is { Statements: { Count: > 0 } statements })
        {
            var flow = model.AnalyzeControlFlow(statements.First(), statements.Last());
            endReachable = flow is null || !flow.Succeeded || flow.EndPointIsReachable;
            hasEarlierReturns = declaration.Body.DescendantNodes(n => !StatementSite.IsNestedFunction(n))
                .OfType<ReturnStatementSyntax>()
                .Any(r => r != statements.Last());
        }

        var names = method.Parameters.Select(p => p.Name)
            .Concat(declaration.DescendantNodes().Select(DeclaredName).Where(n => n is not null).Select(n => n!))
            .Distinct()
            .ToList();
        return new LifecycleSlot(method.Name, method.ContainingType, declaration, null, callsBase: false, method.ReturnType, endReachable, hasEarlierReturns, names);
    }

    /// <summary>
    /// True when statements can go at the end of the method (before a final <c>return</c>): a
    /// method whose end is reachable or that ends with a <c>return</c>; for one returning a task
    /// without <c>async</c>, awaiting statements need a single, final <c>return task;</c> to await.
    /// </summary>
    public bool CanAppend(bool awaits)
    {
        if (Declaration is null || Declaration.ExpressionBody is not null)
        {
            return true;
        }

        var statements = Declaration.Body!.Statements;
        var finalReturn = statements.LastOrDefault() as ReturnStatementSyntax;
        if (ReturnsAwaitable && !IsAsync(Declaration))
        {
            return finalReturn?.Expression is not null && (!awaits || !_hasEarlierReturns);
        }

        return _endReachable || finalReturn is { Expression: null };
    }

    /// <summary>
    /// Appends statements to the current form of the existing declaration: <paramref name="insert"/>
    /// gets its block statements and the index to insert at (the end, or before a final <c>return</c>).
    /// The method becomes block-bodied, and <c>async</c> when <paramref name="awaits"/>.
    /// </summary>
    public MethodDeclarationSyntax Append(MethodDeclarationSyntax current, bool awaits, Func<SyntaxList<StatementSyntax>, int, SyntaxList<StatementSyntax>> insert)
    {
        var isAsync = IsAsync(current);
        var method = current.ExpressionBody is { } arrow ? WithBlockBody(current, arrow, returnsValue: ReturnsAwaitable && !isAsync) : current;
        if (Declaration is { Body: { } originalBody } && BlockLayout.IsSingleLine(originalBody))
        {
            method = method.WithBody(BlockLayout.OnSeparateLines(method.Body!, BlockLayout.EndOfLineOf(originalBody)));
        }

        var statements = method.Body!.Statements;
        if (awaits && !isAsync)
        {
            method = AsyncModifier.Add(method);
            if (ReturnsAwaitable && statements.LastOrDefault() is ReturnStatementSyntax { Expression: { } task } finalReturn)
            {
                // "return base.OnInitializedAsync();" becomes "await base.OnInitializedAsync();".
                statements = IsCompletedTask(task)
                    ? statements.RemoveAt(statements.Count - 1)
                    : statements.Replace(finalReturn, ExpressionStatement(AwaitExpression(task.WithoutTrivia())).WithTriviaFrom(finalReturn));
            }
        }

        var index = statements.LastOrDefault() is ReturnStatementSyntax ? statements.Count - 1 : statements.Count;
        return method.WithBody(method.Body!.WithStatements(insert(statements, index)));
    }

    /// <summary>
    /// The method to add: <paramref name="statements"/> after the base call (before it for
    /// <c>Dispose(bool)</c>; before returning the base's task when nothing awaits).
    /// </summary>
    public MethodDeclarationSyntax Create(IReadOnlyList<StatementSyntax> statements, bool awaits, SyntaxGenerator generator)
    {
        var parameters = _overridden?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        var baseCall = _callsBase
            ? InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, BaseExpression(), IdentifierName(Name)),
                ArgumentList(SeparatedList(parameters.Select(p => Argument((ExpressionSyntax)generator.IdentifierName(p.Name))))))
            : null;

        var body = new List<StatementSyntax>();
        if (!ReturnsAwaitable)
        {
            if (baseCall is not null && !CallsBaseLast)
            {
                body.Add(ExpressionStatement(baseCall));
            }

            body.AddRange(statements);
            if (baseCall is not null && CallsBaseLast)
            {
                body.Add(ExpressionStatement(baseCall));
            }
        }
        else if (awaits)
        {
            if (baseCall is not null)
            {
                body.Add(ExpressionStatement(AwaitExpression(baseCall)));
            }

            body.AddRange(statements);
        }
        else
        {
            body.AddRange(statements);
            body.Add(ReturnStatement(baseCall ?? CompletedTask(_returnType!, generator)));
        }

        var modifiers = AccessibilityKeywords().Select(Token).ToList();
        if (_overridden is not null && !Implements)
        {
            modifiers.Add(Token(SyntaxKind.OverrideKeyword));
        }

        if (awaits)
        {
            modifiers.Add(Token(SyntaxKind.AsyncKeyword));
        }

        var returnType = _returnType is null || _returnType.SpecialType == SpecialType.System_Void
            ? PredefinedType(Token(SyntaxKind.VoidKeyword))
            : (TypeSyntax)generator.TypeExpression(_returnType, addImport: true);
        return MethodDeclaration(returnType, Identifier(Name))
            .WithModifiers(TokenList(modifiers))
            .WithParameterList(ParameterList(SeparatedList(parameters.Select(p =>
                (ParameterSyntax)generator.ParameterDeclaration(p.Name, generator.TypeExpression(p.Type, addImport: true))))))
            .WithBody(Block(body))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }

    private SyntaxKind[] AccessibilityKeywords()
    {
        var accessibility = _overridden?.DeclaredAccessibility ?? Accessibility.Private;
        if (accessibility == Accessibility.ProtectedOrInternal && _overridden is not null
            && !SymbolEqualityComparer.Default.Equals(_overridden.ContainingAssembly, Type.ContainingAssembly))
        {
            // "protected internal" from another assembly is overridden as "protected".
            accessibility = Accessibility.Protected;
        }

        return accessibility switch
        {
            Accessibility.Public => new[] { SyntaxKind.PublicKeyword },
            Accessibility.Protected => new[] { SyntaxKind.ProtectedKeyword },
            Accessibility.ProtectedOrInternal => new[] { SyntaxKind.ProtectedKeyword, SyntaxKind.InternalKeyword },
            Accessibility.ProtectedAndInternal => new[] { SyntaxKind.PrivateKeyword, SyntaxKind.ProtectedKeyword },
            Accessibility.Internal => new[] { SyntaxKind.InternalKeyword },
            _ => new[] { SyntaxKind.PrivateKeyword },
        };
    }

    /// <summary>
    /// <c>Task.CompletedTask</c>, or <c>default</c> for <c>ValueTask</c>: what a method returns once its
    /// <c>async</c> goes.
    /// </summary>
    public static ExpressionSyntax CompletedTask(ITypeSymbol awaitable, SyntaxGenerator generator) =>
        awaitable.Name == "ValueTask"
            ? LiteralExpression(SyntaxKind.DefaultLiteralExpression, Token(SyntaxKind.DefaultKeyword))
            : (ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(awaitable, addImport: true), "CompletedTask");

    private static bool IsCompletedTask(ExpressionSyntax expression) =>
        expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" }
        || expression.IsKind(SyntaxKind.DefaultLiteralExpression)
        || expression is DefaultExpressionSyntax;

    private static bool IsAsync(MethodDeclarationSyntax method) => method.Modifiers.Any(SyntaxKind.AsyncKeyword);

    private static MethodDeclarationSyntax WithBlockBody(MethodDeclarationSyntax method, ArrowExpressionClauseSyntax arrow, bool returnsValue)
    {
        var expression = arrow.Expression.WithoutTrivia();
        StatementSyntax statement = returnsValue ? ReturnStatement(expression) : ExpressionStatement(expression);
        var block = Block(statement).WithAdditionalAnnotations(Formatter.Annotation)
            .WithTrailingTrivia(method.SemicolonToken.TrailingTrivia);
        return method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    private static string? DeclaredName(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
        SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
        ParameterSyntax parameter => parameter.Identifier.ValueText,
        LocalFunctionStatementSyntax function => function.Identifier.ValueText,
        ForEachStatementSyntax forEach => forEach.Identifier.ValueText,
        CatchDeclarationSyntax @catch when @catch.Identifier.RawKind != 0 => @catch.Identifier.ValueText,
        _ => null,
    };
}
