using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

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
/// connect call?" for the methods of one compilation, without <c>Compilation.GetSemanticModel</c>
/// and without compilation-end actions:
/// <list type="bullet">
/// <item>a method declared in the syntax tree being analyzed whose text spells a connect method is
/// read as operations, through the semantic model that tree's operations came from (exact:
/// overloads, guards, receivers);</item>
/// <item>any other method (one that can only pass the call on, or one in another tree) is read from
/// its declaration syntax, without binding its body, resolving each call
/// by name against the members of its own type (and base types), the declared types of its fields,
/// properties and parameters, chains of those (<c>_services.Chat.Connect()</c>), and uniquely named
/// source types (<c>ChatBootstrap.Connect()</c>), with the overload chosen by argument count.</item>
/// </list>
/// Not followed (no call is assumed then): calls through locals, call results, delegates,
/// extension methods and interface or virtual dispatch to overrides in other trees; property
/// getters; bodies of lambdas and local functions (they run when called, not when the method runs),
/// except local functions called from the analyzed tree. At most <see cref="MaxCalls"/> calls deep.
/// What each method calls is worked out once per compilation and tree kind, so the cost stays
/// linear in the code reached; cycles end at methods already visited.
/// </summary>
internal sealed class CallChains
{
    /// <summary>Calls from the render method to the connect, both included.</summary>
    public const int MaxCalls = 8;

    private readonly ChatCompilation _chat;
    private readonly ConcurrentDictionary<IMethodSymbol, MethodCalls> _readAsOperations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, MethodCalls> _readAsDeclarations = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<SyntaxTree, ConcurrentDictionary<IMethodSymbol, CallChain?>> _chainsByTree = new();

    // A name lookup scans the compilation's declarations: once per name, its cost does not grow with the calls that spell it.
    private readonly ConcurrentDictionary<string, ITypeSymbol?> _uniqueSourceTypes = new(StringComparer.Ordinal);

    public CallChains(ChatCompilation chat) => _chat = chat;

    /// <summary>
    /// The shortest chain from <paramref name="callee"/> to an unguarded connect call, or null.
    /// <paramref name="model"/> is the semantic model of the tree that makes the call.
    /// </summary>
    public CallChain? Find(IMethodSymbol callee, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Followable(callee) is not { } start)
        {
            return null;
        }

        var chains = _chainsByTree.GetOrAdd(model.SyntaxTree, _ => new ConcurrentDictionary<IMethodSymbol, CallChain?>(SymbolEqualityComparer.Default));
        return chains.GetOrAdd(start, m => Search(m, model, cancellationToken));
    }

    /// <summary>Breadth first, so the reported chain is a shortest one; ties go to the earlier call in the source.</summary>
    private CallChain? Search(IMethodSymbol start, SemanticModel model, CancellationToken cancellationToken)
    {
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
        var queue = new Queue<Step>();
        queue.Enqueue(new Step(start, null, 1));
        while (queue.Count > 0)
        {
            var step = queue.Dequeue();
            var calls = CallsOf(step.Method, model, cancellationToken);
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

    private MethodCalls CallsOf(IMethodSymbol method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (Declaration(method, cancellationToken) is not { } declaration)
        {
            return MethodCalls.None;
        }

        // Binding a body is the expensive part (and allocates most): only a method whose text spells
        // a connect method is read as operations (exact guards and overloads); one that can only
        // pass the call on is read from its declaration syntax, as methods of other trees are.
        return declaration.SyntaxTree == model.SyntaxTree && _chat.ConnectNames.In(declaration.SyntaxTree, declaration.Span)
            ? _readAsOperations.GetOrAdd(method, _ => ReadOperations(declaration, model, cancellationToken))
            : _readAsDeclarations.GetOrAdd(method, m => new DeclarationReader(this, m, declaration, cancellationToken).Read());
    }

    private MethodCalls ReadOperations(SyntaxNode declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(declaration, cancellationToken) is not { } root)
        {
            return MethodCalls.None;
        }

        ConnectSite? connect = null;
        var callees = new List<IMethodSymbol>();
        foreach (var invocation in InvocationsIn(root))
        {
            if (_chat.Api.IsConnect(invocation))
            {
                if (connect is null && !Guards.IsGuardedByState(invocation, _chat.Api, cancellationToken))
                {
                    var client = ClientReference.Of(invocation);
                    connect = new ConnectSite(invocation.TargetMethod.Name, client.Home == ClientHome.Member ? client.Symbol : null);
                }
            }
            else if (Followable(invocation.TargetMethod) is { } callee)
            {
                callees.Add(callee);
            }
        }

        return new MethodCalls(connect, callees);
    }

    /// <summary>The invocations a method runs itself, in source order: not those in nested lambdas and local functions.</summary>
    private static IEnumerable<IInvocationOperation> InvocationsIn(IOperation root)
    {
        var found = new List<IInvocationOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            if (operation is IInvocationOperation invocation)
            {
                found.Add(invocation);
            }

            foreach (var child in operation.Children)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return found.OrderBy(i => i.Syntax.SpanStart);
    }

    /// <summary>The method a call runs, when its body is in this compilation and can be read; null otherwise.</summary>
    private IMethodSymbol? Followable(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        definition = definition.PartialImplementationPart ?? definition;
        return definition.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
            && !definition.IsAbstract
            && !definition.IsExtern
            && !definition.DeclaringSyntaxReferences.IsEmpty
            && SymbolEqualityComparer.Default.Equals(definition.ContainingAssembly, _chat.Compilation.Assembly)
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
        public static readonly MethodCalls None = new(null, new List<IMethodSymbol>());

        public MethodCalls(ConnectSite? connect, List<IMethodSymbol> callees)
        {
            Connect = connect;
            Callees = callees.Distinct<IMethodSymbol>(SymbolEqualityComparer.Default).ToImmutableArray();
        }

        public ConnectSite? Connect { get; }

        public ImmutableArray<IMethodSymbol> Callees { get; }
    }

    /// <summary>
    /// Reads a method declared in another syntax tree without binding it: calls are resolved by name
    /// and argument count against symbols the declarations already give (see <see cref="CallChains"/>).
    /// </summary>
    private sealed class DeclarationReader
    {
        private readonly CallChains _owner;
        private readonly IMethodSymbol _method;
        private readonly SyntaxNode? _body;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<string> _localNames;

        public DeclarationReader(CallChains owner, IMethodSymbol method, SyntaxNode declaration, CancellationToken cancellationToken)
        {
            _owner = owner;
            _method = method;
            _cancellationToken = cancellationToken;
            _body = declaration is MethodDeclarationSyntax syntax ? (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody : null;
            _localNames = _body is null ? new HashSet<string>() : LocalNames(_body);
        }

        public MethodCalls Read()
        {
            if (_body is null)
            {
                return MethodCalls.None;
            }

            ConnectSite? connect = null;
            var callees = new List<IMethodSymbol>();
            var invocations = _body.DescendantNodes(node => !IsNestedFunction(node)).OfType<InvocationExpressionSyntax>();
            foreach (var invocation in invocations)
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

                callees.AddRange(MethodsNamed(receiverType, name, invocation.ArgumentList.Arguments.Count));
            }

            return new MethodCalls(connect, callees);
        }

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
                    if (_localNames.Contains(name))
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
                    if (_localNames.Contains(name))
                    {
                        return null;
                    }

                    if (_method.Parameters.FirstOrDefault(p => p.Name == name) is { } parameter)
                    {
                        return parameter.Type;
                    }

                    for (var type = _method.ContainingType; type is not null; type = type.ContainingType)
                    {
                        if (MemberType(type, name) is { } memberType)
                        {
                            return memberType;
                        }
                    }

                    return UniqueSourceType(name);
                case MemberAccessExpressionSyntax access when TypeOf(access.Expression) is { } receiverType:
                    return MemberType(receiverType, access.Name.Identifier.ValueText);
                default:
                    return null;
            }
        }

        /// <summary>The field or property of the method's own instance a receiver names (<c>_client</c>, <c>this.Client</c>).</summary>
        private ISymbol? OwnMember(ExpressionSyntax receiver)
        {
            var name = receiver switch
            {
                IdentifierNameSyntax identifier when !_localNames.Contains(identifier.Identifier.ValueText)
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

        private IEnumerable<IMethodSymbol> MethodsNamed(ITypeSymbol? type, string name, int argumentCount)
        {
            // The nearest type that declares the name hides the same name further up.
            for (var current = type; current is not null; current = current.BaseType)
            {
                var methods = current.GetMembers(name).OfType<IMethodSymbol>().ToList();
                if (methods.Count > 0)
                {
                    return methods.Where(m => Accepts(m, argumentCount))
                        .Select(m => _owner.Followable(m))
                        .Where(m => m is not null)
                        .Select(m => m!);
                }
            }

            return Enumerable.Empty<IMethodSymbol>();
        }

        private ITypeSymbol? UniqueSourceType(string name) =>
            _owner._uniqueSourceTypes.GetOrAdd(name, n =>
            {
                // Most receivers are library types (Console, Task): the source's type-name set answers them without a scan.
                if (!_owner._chat.Compilation.Assembly.TypeNames.Contains(n))
                {
                    return null;
                }

                var types = _owner._chat.Compilation.GetSymbolsWithName(n, SymbolFilter.Type, _cancellationToken).Take(2).ToList();
                return types.Count == 1 ? types[0] as ITypeSymbol : null;
            });

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

        private static bool IsNestedFunction(SyntaxNode node) =>
            node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        /// <summary>Names declared inside the body (locals, local functions, pattern and lambda variables), which hide members.</summary>
        private static HashSet<string> LocalNames(SyntaxNode body)
        {
            var names = new HashSet<string>();
            foreach (var node in body.DescendantNodes())
            {
                var identifier = node switch
                {
                    VariableDeclaratorSyntax variable => variable.Identifier,
                    SingleVariableDesignationSyntax designation => designation.Identifier,
                    ForEachStatementSyntax forEach => forEach.Identifier,
                    CatchDeclarationSyntax @catch => @catch.Identifier,
                    ParameterSyntax parameter => parameter.Identifier,
                    LocalFunctionStatementSyntax function => function.Identifier,
                    _ => default,
                };
                if (identifier.IsKind(SyntaxKind.IdentifierToken))
                {
                    names.Add(identifier.ValueText);
                }
            }

            return names;
        }
    }
}
