using System.Collections.Generic;
using System.Collections.Immutable;
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
    public NewTeardown(LifecycleSlot slot, ITypeSymbol? interfaceToAdd, ReleaseStyle style)
    {
        Slot = slot;
        InterfaceToAdd = interfaceToAdd;
        Style = style;
    }

    /// <summary>The method to create, as <see cref="LifecycleMethods"/> declares it.</summary>
    public LifecycleSlot Slot { get; }

    public string Name => Slot.Name;

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
    private DisconnectPlan(ISymbol client, SyntaxNode connect)
    {
        Client = client;
        ConnectTree = connect.SyntaxTree;
        ConnectPosition = connect.SpanStart;
    }

    public ISymbol Client { get; }

    public SyntaxTree ConnectTree { get; }

    public int ConnectPosition { get; }

    /// <summary>For a client held by the type: that type (whose parts may be in several files).</summary>
    public INamedTypeSymbol? TypeSymbol { get; private set; }

    /// <summary>The receiver as the teardown writes it (<c>_client</c>, <c>Chat</c>, <c>this._client</c>).</summary>
    public ExpressionSyntax Receiver { get; private set; } = null!;

    /// <summary>The client may be null at teardown: the release is guarded.</summary>
    public bool MayBeNull { get; private set; }

    /// <summary>The type part a new teardown goes into (or that the existing teardown is in).</summary>
    public TypeDeclarationSyntax? TypePart { get; private set; }

    public MethodDeclarationSyntax? ExistingTeardown { get; private set; }

    /// <summary>The existing teardown returns <c>void</c> (a <c>Task</c> one's result is awaited when it becomes async).</summary>
    public bool TeardownReturnsVoid { get; private set; }

    public NewTeardown? NewTeardown { get; private set; }

    /// <summary>Interface the type part must list for the existing teardown to run.</summary>
    public ITypeSymbol? InterfaceToAdd { get; private set; }

    public ReleaseStyle Style { get; private set; }

    /// <summary>For a local client: its declaration statement.</summary>
    public LocalDeclarationStatementSyntax? LocalDeclaration { get; private set; }

    /// <summary>For a local client: <c>await using</c> applies; otherwise a <c>try/finally</c>.</summary>
    public bool UseAwaitUsing { get; private set; }

    public static DisconnectPlan? TryCreate(SyntaxNode root, SemanticModel model, ChatCompilation chat, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var api = chat.Api;
        // Razor's generated C# is rewritten from the .razor file on every build: an edit there is lost.
        if (GeneratedCode.IsRazor(root.SyntaxTree)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not { } reported
            || Connect(reported, model, cancellationToken) is not { } connect
            || !api.IsConnect(connect))
        {
            return null;
        }

        var reference = ClientReference.Of(connect);
        var plan = reference.Home switch
        {
            // A local stored into a field is released with that field, which this fix does not follow.
            ClientHome.Local when reference.Symbol is ILocalSymbol local && LocalClients.Judge(local, connect, api).Fate == LocalClientFate.Abandoned
                => ForLocal(local, connect, model),
            ClientHome.Member when reference.Symbol is IFieldSymbol or IPropertySymbol => ForMember(reference.Symbol, connect, diagnostic, model, chat.Lifecycles, cancellationToken),
            _ => null,
        };
        if (plan is null || plan.Style != ReleaseStyle.AwaitDisconnect || plan.UseAwaitUsing)
        {
            return plan;
        }

        // An awaited release calls the API's first disconnect method that takes no arguments and returns a task.
        plan.DisconnectMethod = AwaitableDisconnectOf(api.ApiOf(plan.ClientType), plan.ClientType);
        return plan.DisconnectMethod is null ? null : plan;
    }

    /// <summary>The method an awaited release calls (<c>DisconnectUserAsync</c>, or a configured one such as SignalR's <c>StopAsync</c>).</summary>
    public string? DisconnectMethod { get; private set; }

    /// <summary>
    /// The first of the API's disconnect methods, in the order they are listed, that <paramref name="clientType"/>
    /// has as an instance method callable without arguments (optional parameters allowed) returning
    /// <c>Task</c> or <c>ValueTask</c>: <c>await client.Method();</c> then compiles.
    /// </summary>
    private static string? AwaitableDisconnectOf(ClientApi? api, ITypeSymbol? clientType)
    {
        if (api is null || clientType is null)
        {
            return null;
        }

        return api.Definition.DisconnectMethodsInOrder.FirstOrDefault(name => TypeHierarchy.SelfAndSupertypes(clientType)
            .SelectMany(type => type.GetMembers(name).OfType<IMethodSymbol>())
            .Any(method => !method.IsStatic && method.MethodKind == MethodKind.Ordinary && method.Arity == 0
                && method.Parameters.All(p => p.IsOptional || p.IsParams)
                && IsTask(method.ReturnType)));
    }

    private static bool IsTask(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Task" or "ValueTask", Arity: 0 or 1 } named
        && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

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

        return new DisconnectPlan(local, connect.Syntax)
        {
            Receiver = SyntaxFactory.IdentifierName(local.Name),
            LocalDeclaration = statement,
            UseAwaitUsing = canAwaitUsing,
            Style = canAwaitUsing || isAsync ? ReleaseStyle.AwaitDisconnect : ReleaseStyle.Dispose,
        };
    }

    private static DisconnectPlan? ForMember(ISymbol client, IInvocationOperation connect, Diagnostic diagnostic, SemanticModel model, Lifecycles lifecycles, CancellationToken cancellationToken)
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

        var plan = new DisconnectPlan(client, connect.Syntax)
        {
            TypeSymbol = type,
            Receiver = ReceiverOf(connect, client),
            MayBeNull = connect.Parent is IConditionalAccessOperation
                || (client is IFieldSymbol { NullableAnnotation: NullableAnnotation.Annotated } or IPropertySymbol { NullableAnnotation: NullableAnnotation.Annotated }),
        };

        // The table row the analyzer judged the connect by: the type's framework, or the pairs that hold
        // on any type. The any-type table has no empty framework hooks, so its base type is never read.
        var typeFramework = lifecycles.FrameworkOf(type);
        var framework = typeFramework ?? (Lifecycles.AnyType, type);
        var method = connectMethod is null ? null : model.GetDeclaredSymbol(connectMethod, cancellationToken);
        var entry = method is null ? null : Lifecycles.Find(framework.Framework.TeardownPairs.SelectMany(p => p.ConnectIn), method, framework.Framework);
        if (method is not null && entry is null && Lifecycles.Find(Lifecycles.AnyType.TeardownPairs.SelectMany(p => p.ConnectIn), method, Lifecycles.AnyType) is { } anyTypeEntry)
        {
            framework = (Lifecycles.AnyType, typeFramework?.BaseType ?? type);
            entry = anyTypeEntry;
        }

        var entries = framework.Framework.TeardownFor(entry);
        if (diagnostic.AdditionalLocations.FirstOrDefault() is { } teardownLocation)
        {
            return plan.WithExisting(teardownLocation, type, framework.Framework, entries, model, cancellationToken) ? plan : null;
        }

        var newTeardown = TeardownFactory.Choose(framework, entries, type, IsDisposable(ClientTypeOf(client)), model, cancellationToken);
        if (newTeardown is null)
        {
            return null;
        }

        // The new method goes beside the connect, in that part of the type; Fix All declares it once per type.
        plan.TypePart = connectPart;
        plan.NewTeardown = newTeardown;
        plan.Style = newTeardown.Style;
        return plan;
    }

    /// <summary>
    /// Targets the teardown the diagnostic points at, in whichever file of the type it is (a
    /// WinForms designer file's <c>Dispose(bool)</c>): a method of the type, or a handler method
    /// subscribed to the row's teardown event. A lambda or local function handler is left to the developer.
    /// </summary>
    private bool WithExisting(Location teardownLocation, INamedTypeSymbol type, Framework framework, ImmutableArray<LifecycleMethod> entries, SemanticModel model, CancellationToken cancellationToken)
    {
        var tree = model.Compilation.SyntaxTrees.FirstOrDefault(t => t == teardownLocation.SourceTree)
            ?? model.Compilation.SyntaxTrees.FirstOrDefault(t => teardownLocation.SourceTree is { FilePath.Length: > 0 } source && t.FilePath == source.FilePath);
        if (tree is null || GeneratedCode.IsRazor(tree))
        {
            return false;
        }

        var teardownModel = tree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(tree);
        var located = tree.GetRoot(cancellationToken).FindNode(teardownLocation.SourceSpan, getInnermostNodeForTie: true);
        if (located.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) is not MethodDeclarationSyntax existing
            || existing.Parent is not TypeDeclarationSyntax part
            || teardownModel.GetDeclaredSymbol(existing, cancellationToken) is not { } teardown
            || !SymbolEqualityComparer.Default.Equals(teardown.ContainingType, type)
            || teardown.IsStatic
            || (existing.Body is null && existing.ExpressionBody is null))
        {
            return false;
        }

        var isDispose = teardown.Name == "Dispose" && teardown.ReturnsVoid;
        var isDisposeAsync = teardown.Name == "DisposeAsync" && teardown.Parameters.Length == 0;
        if ((isDispose && teardown.Parameters.Length == 0) || isDisposeAsync)
        {
            var required = model.Compilation.GetTypeByMetadataName(isDispose ? "System.IDisposable" : "System.IAsyncDisposable");
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
        else if (framework.Match == LifecycleMatch.Override && !teardown.IsOverride && !Lifecycles.ImplementsInterfaceMember(teardown)
            && !IsSubscribedHandler(teardown, type, entries, model.Compilation, cancellationToken))
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
        else if (teardown.ReturnsVoid || StatementSite.IsNonGenericAwaitable(teardown.ReturnType))
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
        TeardownReturnsVoid = teardown.ReturnsVoid;
        return true;
    }

    /// <summary>
    /// True when a part of <paramref name="type"/> subscribes <paramref name="method"/> to the
    /// instance's own event of one of the row's handler entries (<c>Unloaded += OnUnloaded;</c>).
    /// </summary>
    private static bool IsSubscribedHandler(IMethodSymbol method, INamedTypeSymbol type, ImmutableArray<LifecycleMethod> entries, Compilation compilation, CancellationToken cancellationToken)
    {
        var events = entries.Select(e => e.HandledEvent).OfType<string>().ToList();
        if (events.Count == 0)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var partModel = compilation.GetSemanticModel(reference.SyntaxTree);
            foreach (var assignment in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (assignment.IsKind(SyntaxKind.AddAssignmentExpression)
                    && assignment.Right.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == method.Name)
                    && partModel.GetOperation(assignment, cancellationToken) is IEventAssignmentOperation { Adds: true, EventReference: IEventReferenceOperation subscribed } subscription
                    && subscribed.Instance is null or IInstanceReferenceOperation
                    && events.Contains(Teardowns.FullName(subscribed.Event))
                    && Flow.SubscribedHandler(subscription.HandlerValue) is IMethodReferenceOperation handler
                    && SymbolEqualityComparer.Default.Equals(handler.Method.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private ITypeSymbol? ClientType => ClientTypeOf(Client);

    private static ITypeSymbol? ClientTypeOf(ISymbol client) => client switch
    {
        IFieldSymbol member => member.Type,
        IPropertySymbol property => property.Type,
        ILocalSymbol local => local.Type,
        _ => null,
    };

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
