using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>How the teardown releases the client.</summary>
internal enum ReleaseStyle
{
    /// <summary><c>await client.DisconnectUserAsync();</c> in an async (or made async) method.</summary>
    AwaitDisconnect,

    /// <summary><c>client.Dispose();</c>: in a synchronous <c>Dispose()</c>, where awaiting would need <c>async void</c>.</summary>
    Dispose,

    /// <summary><c>client.Dispose();</c> inside <c>if (disposing)</c> of <c>Dispose(bool)</c>.</summary>
    DisposeWhenDisposing,
}

/// <summary>A teardown method the fix adds to a type part.</summary>
internal sealed class NewTeardown
{
    public NewTeardown(string name, IMethodSymbol? overridden, ITypeSymbol? interfaceToAdd, ReleaseStyle style)
    {
        Name = name;
        Overridden = overridden;
        InterfaceToAdd = interfaceToAdd;
        Style = style;
    }

    public string Name { get; }

    /// <summary>The base member the new method overrides; null for a Unity/Godot message or a new <c>Dispose</c>/<c>DisposeAsync</c>.</summary>
    public IMethodSymbol? Overridden { get; }

    public ITypeSymbol? InterfaceToAdd { get; }

    public ReleaseStyle Style { get; }
}

/// <summary>
/// What one CHAT004 diagnostic needs: the client held by the type gets a release statement in a
/// teardown (an existing method, or one to create), or a local client gets <c>await using</c> or a
/// <c>try/finally</c>. Plans that name the same target are merged by <see cref="AddDisconnectFix"/>.
/// </summary>
internal sealed class DisconnectPlan
{
    private DisconnectPlan(ISymbol client, int connectPosition)
    {
        Client = client;
        ConnectPosition = connectPosition;
    }

    public ISymbol Client { get; }

    public int ConnectPosition { get; }

    /// <summary>The receiver as the teardown writes it (<c>_client</c>, <c>Chat</c>, <c>this._client</c>).</summary>
    public ExpressionSyntax Receiver { get; private set; } = null!;

    /// <summary>The client may be null at teardown: the release is guarded.</summary>
    public bool MayBeNull { get; private set; }

    /// <summary>The type part a new teardown goes into (or that the existing teardown is in).</summary>
    public TypeDeclarationSyntax? TypePart { get; private set; }

    public MethodDeclarationSyntax? ExistingTeardown { get; private set; }

    public NewTeardown? NewTeardown { get; private set; }

    /// <summary>Interface the type part must list for the existing teardown to run.</summary>
    public ITypeSymbol? InterfaceToAdd { get; private set; }

    public ReleaseStyle Style { get; private set; }

    /// <summary>For a local client: its declaration statement.</summary>
    public LocalDeclarationStatementSyntax? LocalDeclaration { get; private set; }

    /// <summary>For a local client: <c>await using</c> applies; otherwise a <c>try/finally</c>.</summary>
    public bool UseAwaitUsing { get; private set; }

    public static DisconnectPlan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        // Razor's generated C# is rewritten from the .razor file on every build: an edit there is lost.
        if (GeneratedCode.IsRazor(root.SyntaxTree)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } reported
            || Connect(reported, model, cancellationToken) is not { } connect
            || ChatApi.TryCreate(model.Compilation) is not { } api
            || !api.IsConnect(connect))
        {
            return null;
        }

        var reference = ClientReference.Of(connect);
        return reference.Home switch
        {
            // A local stored into a field is released with that field, which this fix does not follow.
            ClientHome.Local when reference.Symbol is ILocalSymbol local && LocalClients.Judge(local, connect, api).Fate == LocalClientFate.Abandoned
                => ForLocal(local, connect, model),
            ClientHome.Member when reference.Symbol is IFieldSymbol or IPropertySymbol => ForMember(reference.Symbol, connect, diagnostic, model, cancellationToken),
            _ => null,
        };
    }

    private static IInvocationOperation? Connect(SyntaxNode reported, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var node in reported.DescendantNodesAndSelf())
        {
            if (node is InvocationExpressionSyntax && model.GetOperation(node, cancellationToken) is IInvocationOperation invocation)
            {
                return invocation;
            }
        }

        return null;
    }

    private static DisconnectPlan? ForLocal(ILocalSymbol local, IInvocationOperation connect, SemanticModel model)
    {
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not VariableDeclaratorSyntax { Initializer: not null } declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration
            || declaration.Parent is not LocalDeclarationStatementSyntax statement
            || !statement.UsingKeyword.IsKind(SyntaxKind.None)
            || statement.IsConst
            || statement.Parent is not BlockSyntax)
        {
            return null;
        }

        var function = statement.Ancestors().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);
        var isAsync = function switch
        {
            MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            LocalFunctionStatementSyntax localFunction => localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword),
            AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
            _ => false,
        };
        var asyncDisposable = model.Compilation.GetTypeByMetadataName("System.IAsyncDisposable");
        var canAwaitUsing = isAsync
            && statement.SyntaxTree.Options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp8 }
            && asyncDisposable is not null
            && Implements(local.Type, asyncDisposable);

        // Without 'await using', the finally block awaits the disconnect, or disposes in a synchronous method.
        if (!canAwaitUsing && !isAsync && !IsDisposable(local.Type))
        {
            return null;
        }

        return new DisconnectPlan(local, connect.Syntax.SpanStart)
        {
            Receiver = SyntaxFactory.IdentifierName(local.Name),
            LocalDeclaration = statement,
            UseAwaitUsing = canAwaitUsing,
            Style = canAwaitUsing || isAsync ? ReleaseStyle.AwaitDisconnect : ReleaseStyle.Dispose,
        };
    }

    private static DisconnectPlan? ForMember(ISymbol client, IInvocationOperation connect, Diagnostic diagnostic, SemanticModel model, CancellationToken cancellationToken)
    {
        var connectMethod = connect.Syntax.Ancestors().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        var connectPart = connect.Syntax.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();
        if (connectPart is null
            || model.GetDeclaredSymbol(connectPart, cancellationToken) is not INamedTypeSymbol type
            || type.IsStatic
            || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return null;
        }

        var plan = new DisconnectPlan(client, connect.Syntax.SpanStart)
        {
            Receiver = ReceiverOf(connect, client),
            MayBeNull = connect.Parent is IConditionalAccessOperation
                || (client is IFieldSymbol { NullableAnnotation: NullableAnnotation.Annotated } or IPropertySymbol { NullableAnnotation: NullableAnnotation.Annotated }),
        };

        if (diagnostic.AdditionalLocations.FirstOrDefault() is { } teardownLocation)
        {
            // A teardown in another file, or a handler lambda, is left to the developer.
            if (teardownLocation.SourceTree != connect.Syntax.SyntaxTree
                || connect.Syntax.SyntaxTree.GetRoot(cancellationToken).FindNode(teardownLocation.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault() is not { } existing
                || model.GetDeclaredSymbol(existing, cancellationToken) is not { } teardown)
            {
                return null;
            }

            return plan.WithExisting(existing, teardown, type, model.Compilation) ? plan : null;
        }

        if (!IsHomeFile(type, connectPart.SyntaxTree))
        {
            return null;
        }

        var lifecycles = Lifecycles.Create(model.Compilation);
        var framework = lifecycles.FrameworkOf(type)?.Framework ?? Lifecycles.AnyType;
        var method = connectMethod is null ? null : model.GetDeclaredSymbol(connectMethod, cancellationToken);
        var entry = method is null ? null : Lifecycles.Find(framework.TeardownPairs.SelectMany(p => p.ConnectIn), method, framework);
        if (method is not null && entry is null && Lifecycles.Find(Lifecycles.AnyType.TeardownPairs.SelectMany(p => p.ConnectIn), method, Lifecycles.AnyType) is { } anyTypeEntry)
        {
            framework = Lifecycles.AnyType;
            entry = anyTypeEntry;
        }

        var newTeardown = TeardownFactory.Choose(framework, framework.TeardownFor(entry), type, model.Compilation);
        if (newTeardown is null)
        {
            return null;
        }

        plan.TypePart = connectPart;
        plan.NewTeardown = newTeardown;
        plan.Style = newTeardown.Style;
        return plan;
    }

    private bool WithExisting(MethodDeclarationSyntax existing, IMethodSymbol teardown, INamedTypeSymbol type, Compilation compilation)
    {
        if (existing.Parent is not TypeDeclarationSyntax part || teardown.IsStatic || (existing.Body is null && existing.ExpressionBody is null))
        {
            return false;
        }

        var isDispose = teardown.Name == "Dispose" && teardown.ReturnsVoid;
        var isDisposeAsync = teardown.Name == "DisposeAsync" && teardown.Parameters.Length == 0;
        if ((isDispose && teardown.Parameters.Length == 0) || isDisposeAsync)
        {
            var required = compilation.GetTypeByMetadataName(isDispose ? "System.IDisposable" : "System.IAsyncDisposable");
            if (required is null)
            {
                return false;
            }

            if (!Implements(type, required))
            {
                // A "Dispose" that nothing calls: implementing the interface makes it run.
                if (teardown.DeclaredAccessibility != Accessibility.Public || teardown.Arity != 0)
                {
                    return false;
                }

                InterfaceToAdd = required;
            }
        }
        else if (!teardown.IsOverride && !Lifecycles.ImplementsInterfaceMember(teardown)
            && Lifecycles.Create(compilation).FrameworkOf(type)?.Framework is { Match: LifecycleMatch.Override })
        {
            // A same-named method that does not override the framework's one never runs.
            return false;
        }

        if (isDispose && teardown.Parameters.Length == 1)
        {
            Style = ReleaseStyle.DisposeWhenDisposing;
        }
        else if (isDispose && !teardown.IsAsync)
        {
            Style = ReleaseStyle.Dispose;
        }
        else if (teardown.ReturnsVoid || TeardownFactory.IsTaskLike(teardown.ReturnType))
        {
            Style = ReleaseStyle.AwaitDisconnect;
        }
        else
        {
            return false;
        }

        if (Style != ReleaseStyle.AwaitDisconnect && !IsDisposable(ClientType))
        {
            return false;
        }

        if (Style == ReleaseStyle.AwaitDisconnect && !teardown.IsAsync && !teardown.ReturnsVoid && !TeardownBody.CanBecomeAsync(existing))
        {
            return false;
        }

        TypePart = part;
        ExistingTeardown = existing;
        return true;
    }

    private ITypeSymbol? ClientType => Client switch
    {
        IFieldSymbol member => member.Type,
        IPropertySymbol property => property.Type,
        ILocalSymbol local => local.Type,
        _ => null,
    };

    /// <summary>
    /// A type split over several files gets a new teardown in one of them only (the first hand-written
    /// file by path), or fixing each file would declare the method twice.
    /// </summary>
    private static bool IsHomeFile(INamedTypeSymbol type, SyntaxTree tree) =>
        type.DeclaringSyntaxReferences
            .Select(r => r.SyntaxTree)
            .Where(t => !GeneratedCode.IsRazor(t) && !GeneratedCode.IsGeneratedButNotRazor(t))
            .OrderBy(t => t.FilePath, System.StringComparer.Ordinal)
            .FirstOrDefault() is not { } home || home == tree;

    /// <summary>The connect's own receiver (<c>Chat</c>, <c>this._client</c>), or the member's name when it was cast or parenthesized.</summary>
    private static ExpressionSyntax ReceiverOf(IInvocationOperation connect, ISymbol client)
    {
        var receiver = connect.Syntax switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Expression,
            InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } => (connect.Syntax.Parent as ConditionalAccessExpressionSyntax)?.Expression,
            _ => null,
        };
        return receiver is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax }
            ? receiver.WithoutTrivia()
            : SyntaxFactory.IdentifierName(client.Name);
    }

    public static bool Implements(ITypeSymbol type, INamedTypeSymbol @interface) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, @interface)
        || type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, @interface));

    private static bool IsDisposable(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_IDisposable || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable));
}
