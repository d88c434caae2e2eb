using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChatUsageAnalyzers;

/// <summary>Ordinary calls from a method of this compilation down to an unguarded connect call.</summary>
internal sealed class CallChain
{
    public CallChain(ImmutableArray<IMethodSymbol> methods, string connectMethod, ISymbol? clientMember)
    {
        Methods = methods;
        ConnectMethod = connectMethod;
        ClientMember = clientMember;
    }

    /// <summary>The called method first, the method that makes the connect call last.</summary>
    public ImmutableArray<IMethodSymbol> Methods { get; }

    public string ConnectMethod { get; }

    /// <summary>The field or property the connect is made on, when it is a member of the connecting method's type.</summary>
    public ISymbol? ClientMember { get; }

    /// <summary>"Update -> EnsureChat -> ConnectUserAsync", for a chain called from <paramref name="caller"/>.</summary>
    public string Describe(string caller) =>
        string.Join(" -> ", new[] { caller }.Concat(Methods.Select(m => m.Name)).Concat(new[] { ConnectMethod }));
}

/// <summary>
/// Answers "does calling this method (transitively, through ordinary calls) reach an unguarded
/// connect call?" for the methods of one compilation, reading declarations only: no body is bound.
/// Binding another member from inside a callback would wait on the semantic model while the driver
/// binds that member for its own actions (hundreds of milliseconds charged to the rule), and the
/// callee's exact symbol comes from the bound call in the render method anyway.
/// Each call is resolved by name and argument count against the members of the method's type
/// (and base types), the declared types of its parameters, fields and properties, chains of those
/// (<c>_services.Chat.Connect()</c>), locals declared with a type or created with <c>new</c>, and
/// types named as receivers (<c>ChatBootstrap.Connect()</c>). A source type's name is bound where
/// the method's type declares its members (usings and nesting apply; no body is involved); a
/// client's name that no source type has is the client where its namespace is in scope
/// (<see cref="ImportedNamespaces"/>); other names (an alias among them) are not followed.
/// A connect is guarded when it sits inside a check of the same receiver's state member (compared
/// by text).
/// Not followed (no call is assumed then): calls through other locals, call results, delegates,
/// extension methods and interface or virtual dispatch to overrides in other files; property
/// getters; bodies of lambdas and local functions (they run when called, not when the method runs)
/// unless the render method calls the local function itself. At most <see cref="MaxCalls"/> calls deep.
/// What each method calls and the chain from it are worked out once per compilation and thread, so
/// the cost stays linear in the code reached; cycles end at methods already visited.
/// </summary>
internal sealed class CallChains
{
    /// <summary>Calls from the render method to the connect, both included.</summary>
    public const int MaxCalls = 8;

    private readonly ChatCompilation _chat;
    private readonly ThreadCache<IMethodSymbol, MethodCalls> _calls = ThreadCache.OfSymbols<IMethodSymbol, MethodCalls>();
    private readonly ThreadCache<IMethodSymbol, CallChain?> _chains = ThreadCache.OfSymbols<IMethodSymbol, CallChain?>();

    // Whether a source type has a name, per name and thread. The assembly's TypeNames set would
    // answer at once, but its first request builds the set of every source type name inside one
    // callback (1.93 MB in one call on the benchmark's S corpus, ten times the types on L); the
    // compiler's search of its declarations for one name allocates next to nothing, and the
    // methods a chain search reads ask about few distinct names.
    private readonly ThreadCache<string, bool> _sourceTypeNames = new(StringComparer.Ordinal);
    private readonly ImportedNamespaces _imports;

    public CallChains(ChatCompilation chat)
    {
        _chat = chat;
        _imports = new ImportedNamespaces(chat.Compilation);
    }

    /// <summary>The shortest chain from <paramref name="callee"/> to an unguarded connect call, or null.</summary>
    public CallChain? Find(IMethodSymbol callee, CancellationToken cancellationToken)
    {
        if (Followable(callee) is not { } start)
        {
            return null;
        }

        return _chains.GetOrAdd(start, static (method, state) => state.Chains.Search(method, state.CancellationToken), (Chains: this, CancellationToken: cancellationToken));
    }

    /// <summary>Breadth first, so the reported chain is a shortest one; ties go to the earlier call in the source.</summary>
    private CallChain? Search(IMethodSymbol start, CancellationToken cancellationToken)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
        var queue = new Queue<Step>();
        queue.Enqueue(new Step(start, null, 1));
        while (queue.Count > 0)
        {
            var step = queue.Dequeue();
            var calls = CallsOf(step.Method, cancellationToken);
            if (calls.Connect is { } connect)
            {
                return new CallChain(step.Path(), connect.Name, connect.ClientMember);
            }

            // A method one call deeper needs one more call before its own connect call.
            if (step.Depth + 2 > MaxCalls)
            {
                continue;
            }

            foreach (var next in calls.Callees)
            {
                if (visited.Add(next))
                {
                    queue.Enqueue(new Step(next, step, step.Depth + 1));
                }
            }
        }

        return null;
    }

    private MethodCalls CallsOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        _calls.GetOrAdd(method, static (method, state) => state.Chains.Read(method, state.CancellationToken), (Chains: this, CancellationToken: cancellationToken));

    private MethodCalls Read(IMethodSymbol method, CancellationToken cancellationToken) =>
        Declaration(method, cancellationToken) is { } declaration
            ? new DeclarationReader(this, method, declaration, cancellationToken).Read()
            : MethodCalls.None;

    private bool IsSourceTypeName(string name, CancellationToken cancellationToken) =>
        _sourceTypeNames.GetOrAdd(
            name,
            static (name, state) => state.Compilation.ContainsSymbolsWithName(name, SymbolFilter.Type, state.CancellationToken),
            (_chat.Compilation, CancellationToken: cancellationToken));

    /// <summary>The method a call runs, when its body is in this compilation and can be read; null otherwise.</summary>
    private IMethodSymbol? Followable(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        definition = definition.PartialImplementationPart ?? definition;
        return definition.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
            && !definition.IsAbstract
            && !definition.IsExtern
            && _chat.IsSource(definition)
            && !definition.DeclaringSyntaxReferences.IsEmpty
            ? definition
            : null;
    }

    private static SyntaxNode? Declaration(IMethodSymbol method, CancellationToken cancellationToken)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
                or LocalFunctionStatementSyntax { Body: not null } or LocalFunctionStatementSyntax { ExpressionBody: not null })
            {
                return syntax;
            }
        }

        return null;
    }

    private sealed class Step
    {
        private readonly Step? _caller;

        public Step(IMethodSymbol method, Step? caller, int depth)
        {
            Method = method;
            _caller = caller;
            Depth = depth;
        }

        public IMethodSymbol Method { get; }

        /// <summary>Calls from the render method to this method.</summary>
        public int Depth { get; }

        public ImmutableArray<IMethodSymbol> Path()
        {
            var path = new List<IMethodSymbol>();
            for (var step = this; step is not null; step = step._caller)
            {
                path.Add(step.Method);
            }

            path.Reverse();
            return path.ToImmutableArray();
        }
    }

    private sealed class ConnectSite
    {
        public ConnectSite(string name, ISymbol? clientMember)
        {
            Name = name;
            ClientMember = clientMember;
        }

        public string Name { get; }

        public ISymbol? ClientMember { get; }
    }

    /// <summary>What one method does itself: its first unguarded connect call, and the methods it calls.</summary>
    private sealed class MethodCalls
    {
        public static readonly MethodCalls None = new(null, ImmutableArray<IMethodSymbol>.Empty);

        public MethodCalls(ConnectSite? connect, ImmutableArray<IMethodSymbol> callees)
        {
            Connect = connect;
            Callees = callees;
        }

        public ConnectSite? Connect { get; }

        public ImmutableArray<IMethodSymbol> Callees { get; }
    }

    /// <summary>
    /// Reads a method from its declaration without binding it: calls are resolved by name and
    /// argument count against symbols the declarations already give (see <see cref="CallChains"/>).
    /// </summary>
    private sealed class DeclarationReader
    {
        private readonly CallChains _owner;
        private readonly IMethodSymbol _method;
        private readonly SyntaxNode _declaration;
        private readonly SyntaxNode? _body;
        private readonly CancellationToken _cancellationToken;

        // Names declared in the body (locals, local functions, pattern variables), which hide members;
        // with the type spelled at the declaration when there is one (null: unknown or declared twice).
        private readonly Dictionary<string, TypeSyntax?> _locals = new(StringComparer.Ordinal);
        private readonly List<InvocationExpressionSyntax> _invocations = new();
        private SemanticModel? _model;

        public DeclarationReader(CallChains owner, IMethodSymbol method, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            _owner = owner;
            _method = method;
            _declaration = declaration;
            _cancellationToken = cancellationToken;
            switch (declaration)
            {
                case MethodDeclarationSyntax syntax:
                    _body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
                    break;
                case LocalFunctionStatementSyntax syntax:
                    _body = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;

                    // A local function also sees the locals and parameters of the member around it: none of them is a member.
                    if (syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member)
                    {
                        foreach (var node in member.DescendantNodes())
                        {
                            DeclareLocal(node);
                        }
                    }

                    break;
            }

            if (_body is not null)
            {
                Collect(_body, declaresLocals: declaration is MethodDeclarationSyntax);
            }
        }

        public MethodCalls Read()
        {
            ConnectSite? connect = null;
            var callees = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var invocation in _invocations)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (!TryResolve(invocation, out var receiverType, out var receiver, out var name))
                {
                    continue;
                }

                // The name first: the client lookup is a shared cache write for every new receiver type.
                if (_owner._chat.Api.ConnectMethodNames.Contains(name)
                    && _owner._chat.Api.ApiOf(receiverType) is { } client && client.Definition.ConnectMethods.Contains(name))
                {
                    if (connect is null && !IsGuardedByState(invocation, receiver, client))
                    {
                        connect = new ConnectSite(name, receiver is null ? null : OwnMember(receiver));
                    }

                    continue;
                }

                AddMethodsNamed(callees, receiverType, name, invocation.ArgumentList.Arguments.Count);
            }

            return callees.Count == 0 && connect is null ? MethodCalls.None : new MethodCalls(connect, callees.ToImmutable());
        }

        /// <summary>One walk of the body: the calls it makes itself (in source order) and the names it declares, not entering nested functions.</summary>
        private void Collect(SyntaxNode body, bool declaresLocals)
        {
            foreach (var node in body.DescendantNodesAndSelf(node => node == body || node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is InvocationExpressionSyntax invocation)
                {
                    _invocations.Add(invocation);
                }
                else if (declaresLocals)
                {
                    DeclareLocal(node);
                }
            }
        }

        private void DeclareLocal(SyntaxNode node)
        {
            var (identifier, type) = node switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } variable => (variable.Identifier, DeclaredType(declaration.Type, variable.Initializer?.Value)),
                SingleVariableDesignationSyntax designation => (designation.Identifier, null),
                ForEachStatementSyntax forEach => (forEach.Identifier, forEach.Type.IsVar ? null : forEach.Type),
                CatchDeclarationSyntax @catch => (@catch.Identifier, @catch.Type),
                ParameterSyntax parameter => (parameter.Identifier, parameter.Type),
                LocalFunctionStatementSyntax function => (function.Identifier, null),
                _ => (default, (TypeSyntax?)null),
            };
            if (identifier.IsKind(SyntaxKind.IdentifierToken))
            {
                var name = identifier.ValueText;
                _locals[name] = _locals.ContainsKey(name) ? null : type;
            }
        }

        /// <summary>The type a local is declared with: written out, or the type of the <c>new</c> that initializes a <c>var</c>.</summary>
        private static TypeSyntax? DeclaredType(TypeSyntax type, ExpressionSyntax? initializer) =>
            !type.IsVar ? type
            : initializer is ObjectCreationExpressionSyntax creation ? creation.Type
            : null;

        /// <summary>The receiver's type, the receiver expression (null for an implicit <c>this</c>) and the method name.</summary>
        private bool TryResolve(InvocationExpressionSyntax invocation, out ITypeSymbol? receiverType, out ExpressionSyntax? receiver, out string name)
        {
            receiverType = null;
            receiver = null;
            name = string.Empty;
            switch (invocation.Expression)
            {
                case SimpleNameSyntax simple:
                    name = simple.Identifier.ValueText;
                    if (_locals.ContainsKey(name))
                    {
                        // A local function or a delegate held in a local: not a member of the type.
                        return false;
                    }

                    receiverType = _method.ContainingType;
                    return true;
                case MemberAccessExpressionSyntax access:
                    name = access.Name.Identifier.ValueText;
                    receiver = access.Expression;
                    break;
                case MemberBindingExpressionSyntax binding when ConditionalReceiver(binding) is { } conditionalReceiver:
                    name = binding.Name.Identifier.ValueText;
                    receiver = conditionalReceiver;
                    break;
                default:
                    return false;
            }

            receiverType = TypeOf(receiver);
            return receiverType is not null;
        }

        private ITypeSymbol? TypeOf(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case ThisExpressionSyntax:
                    return _method.ContainingType;
                case BaseExpressionSyntax:
                    return _method.ContainingType.BaseType;
                case ParenthesizedExpressionSyntax parenthesized:
                    return TypeOf(parenthesized.Expression);
                case IdentifierNameSyntax identifier:
                    var name = identifier.Identifier.ValueText;
                    foreach (var parameter in _method.Parameters)
                    {
                        if (parameter.Name == name)
                        {
                            return parameter.Type;
                        }
                    }

                    if (_locals.TryGetValue(name, out var localType))
                    {
                        return localType is null ? null : TypeNamed(localType);
                    }

                    for (var type = _method.ContainingType; type is not null; type = type.ContainingType)
                    {
                        if (MemberType(type, name) is { } memberType)
                        {
                            return memberType;
                        }
                    }

                    return TypeNamed(identifier);
                case MemberAccessExpressionSyntax access when TypeOf(access.Expression) is { } receiverType:
                    return MemberType(receiverType, access.Name.Identifier.ValueText);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The type a name written in the method means, when it can lead to a connect: a targeted
        /// client or a source type. Names of neither (Console, Task, MathF) are answered from the
        /// names alone. A name no source type has can only mean a client: it does when the client's
        /// namespace is in scope (<see cref="ImportedNamespaces"/>). A source type's name is bound
        /// where the method's type declares its members (the file's usings and the enclosing types
        /// apply, and no body is involved). Null otherwise.
        /// </summary>
        [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1030:Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer", Justification = "The callback has a model for another method's tree only. Where the host caches models for its analyzers this returns the cached one; either way only a type name is bound, speculatively and outside any body.")]
        private ITypeSymbol? TypeNamed(TypeSyntax type)
        {
            if (type is NullableTypeSyntax nullable)
            {
                type = nullable.ElementType;
            }

            var name = ImportedNamespaces.SimpleNameOf(type);
            if (name is null)
            {
                return null;
            }

            if (!_owner.IsSourceTypeName(name, _cancellationToken))
            {
                foreach (var (client, @namespace) in _owner._chat.Api.ClientsNamed(name))
                {
                    if (_owner._imports.Sees(_declaration, type, @namespace))
                    {
                        return client;
                    }
                }

                return null;
            }

            var model = _model ??= _owner._chat.Compilation.GetSemanticModel(type.SyntaxTree);
            var position = _declaration.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { OpenBraceToken: { IsMissing: false } members } ? members.Span.End : 0;
            return model.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type is { TypeKind: not TypeKind.Error } bound
                ? bound
                : null;
        }

        /// <summary>The field or property of the method's own instance a receiver names (<c>_client</c>, <c>this.Client</c>).</summary>
        private ISymbol? OwnMember(ExpressionSyntax receiver)
        {
            var name = receiver switch
            {
                IdentifierNameSyntax identifier when !_locals.ContainsKey(identifier.Identifier.ValueText)
                    && _method.Parameters.All(p => p.Name != identifier.Identifier.ValueText) => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                _ => null,
            };
            return name is null ? null : FieldOrProperty(_method.ContainingType, name);
        }

        /// <summary>
        /// The connect is inside a check of the same receiver's state member (<c>if (!_client.IsConnected)</c>,
        /// an early return, <c>&amp;&amp;</c>), compared by the receiver's text since nothing is bound here.
        /// </summary>
        private static bool IsGuardedByState(InvocationExpressionSyntax connect, ExpressionSyntax? receiver, ClientApi client)
        {
            if (receiver is null)
            {
                return false;
            }

            var receiverText = TextOf(receiver);
            return Guards.IsGuardedBy(connect, (condition, _) => condition.DescendantNodesAndSelf().Any(node => node switch
            {
                MemberAccessExpressionSyntax access => client.Definition.StateMembers.Contains(access.Name.Identifier.ValueText)
                    && TextOf(access.Expression) == receiverText,
                MemberBindingExpressionSyntax binding => client.Definition.StateMembers.Contains(binding.Name.Identifier.ValueText)
                    && ConditionalReceiver(binding) is { } bindingReceiver && TextOf(bindingReceiver) == receiverText,
                _ => false,
            }));
        }

        /// <summary>Adds the followable methods a call by <paramref name="name"/> can run, once each.</summary>
        private void AddMethodsNamed(ImmutableArray<IMethodSymbol>.Builder callees, ITypeSymbol? type, string name, int argumentCount)
        {
            // The nearest type that declares the name hides the same name further up. Only source
            // types declare followable methods, and a library type's bases are library types: its
            // members are never read (a constructed one, List<T>, builds them all on each request).
            for (var current = type; current is not null && _owner._chat.IsSource(current); current = current.BaseType)
            {
                var declaresName = false;
                foreach (var member in current.GetMembers(name))
                {
                    if (member is not IMethodSymbol method)
                    {
                        continue;
                    }

                    declaresName = true;
                    if (Accepts(method, argumentCount) && _owner.Followable(method) is { } callee && !callees.Contains(callee, SymbolEqualityComparer.Default))
                    {
                        callees.Add(callee);
                    }
                }

                if (declaresName)
                {
                    return;
                }
            }
        }

        private static ITypeSymbol? MemberType(ITypeSymbol type, string name) => FieldOrProperty(type, name) switch
        {
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };

        private static ISymbol? FieldOrProperty(ITypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers(name).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol) is { } member)
                {
                    return member;
                }
            }

            return null;
        }

        private static bool Accepts(IMethodSymbol method, int argumentCount)
        {
            var parameters = method.Parameters;
            if (parameters.Length > 0 && parameters[parameters.Length - 1].IsParams)
            {
                return argumentCount >= parameters.Length - 1;
            }

            return argumentCount <= parameters.Length && parameters.Skip(argumentCount).All(p => p.IsOptional);
        }

        private static ExpressionSyntax? ConditionalReceiver(MemberBindingExpressionSyntax binding)
        {
            for (var node = binding.Parent; node is not null; node = node.Parent)
            {
                if (node is ConditionalAccessExpressionSyntax access && access.WhenNotNull.Span.Contains(binding.Span))
                {
                    return access.Expression;
                }
            }

            return null;
        }

        /// <summary>The receiver's tokens without trivia, and without a leading <c>this.</c>.</summary>
        private static string TextOf(ExpressionSyntax expression)
        {
            if (expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access)
            {
                expression = access.Name;
            }

            return string.Concat(expression.DescendantTokens().Select(t => t.Text));
        }
    }
}
