using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// CHAT007: a <c>foreach</c> whose body only connects (and maybe disconnects) each user becomes one
/// <c>await server.UpsertUsersAsync(..)</c> on a <c>Chat.Client.ChatServerClient</c> already in scope.
/// A loop that does anything else, or no server client in scope, gets no fix: what the loop does with
/// each connection is the author's to keep.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpsertUsersFix))]
[Shared]
internal sealed class UpsertUsersFix : PlannedFix<UpsertUsersFix.Plan>
{
    private const string ServerClientMetadataName = "Chat.Client.ChatServerClient";
    private const string UserMetadataName = "Chat.Client.ChatUser";
    private const string UpsertMethod = "UpsertUsersAsync";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.CHAT007_ConnectUsedToImportUsers.Id);

    private protected override string EquivalenceKey => EquivalenceKeys.UpsertUsersInOneCall;

    private protected override Plan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        Plan.TryCreate(root, model, diagnostic, cancellationToken);

    private protected override string Title(Plan plan) => $"Upsert the users with '{plan.Server}.{UpsertMethod}'";

    private protected override async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var plans = diagnostics
            .Select(d => Plan.TryCreate(root, model, d, cancellationToken))
            .OfType<Plan>()
            .GroupBy(p => p.Loop)
            .Select(g => g.First())
            .ToList();
        if (plans.Count == 0)
        {
            return document;
        }

        var editor = new SyntaxEditor(root, document.Project.Solution.Workspace);
        foreach (var plan in plans)
        {
            editor.ReplaceNode(plan.Loop, plan.Replacement());
        }

        return await FileStyle.FinishAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
    }

    internal sealed class Plan
    {
        private readonly ExpressionSyntax _collection;
        private readonly string _variable;
        private readonly ExpressionSyntax? _user;

        private Plan(ForEachStatementSyntax loop, string server, ExpressionSyntax collection, string variable, ExpressionSyntax? user)
        {
            Loop = loop;
            Server = server;
            _collection = collection;
            _variable = variable;
            _user = user;
        }

        public ForEachStatementSyntax Loop { get; }

        /// <summary>The name of the server client in scope.</summary>
        public string Server { get; }

        /// <summary>
        /// The collection, or its projection written as a fully qualified <c>Enumerable.Select</c> call:
        /// the import adder adds <c>using System.Linq;</c> when the file lacks it and the simplifier
        /// reduces the call to <c>collection.Select(..)</c>.
        /// </summary>
        public ExpressionSyntax UsersExpression() =>
            _user is null
                ? _collection.WithoutTrivia()
                : SyntaxFactory.InvocationExpression(
                    SyntaxFactory.ParseExpression("global::System.Linq.Enumerable.Select"),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                    {
                        SyntaxFactory.Argument(_collection.WithoutTrivia()),
                        SyntaxFactory.Argument(SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(SyntaxFactory.Identifier(_variable)), _user.WithoutTrivia())),
                    })))
                .WithAdditionalAnnotations(Simplifier.Annotation);

        public StatementSyntax Replacement() =>
            SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.ParseExpression(Server), SyntaxFactory.IdentifierName(UpsertMethod)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(UsersExpression()))))))
                .WithTriviaFrom(Loop)
                .WithAdditionalAnnotations(Formatter.Annotation);

        public static Plan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax connect
                || connect.FirstAncestorOrSelf<StatementSyntax>() is not ExpressionStatementSyntax statement
                || ParentLoop(statement) is not { } loop
                || loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)
                || model.GetDeclaredSymbol(loop, cancellationToken) is not ILocalSymbol variable
                || model.GetOperation(connect, cancellationToken) is not IInvocationOperation connectOperation
                || connectOperation.Instance?.Syntax is not ExpressionSyntax client
                || !BodyOnlyConnects(loop, statement, client, model, cancellationToken)
                || !IsEnumerableOf(model.GetTypeInfo(loop.Expression, cancellationToken).Type, variable.Type)
                || model.Compilation.GetTypeByMetadataName(ServerClientMetadataName) is not { } serverType
                || ServerInScope(model, loop, serverType) is not { } server)
            {
                return null;
            }

            var userArgument = connectOperation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0 && a.Parameter.Type.ToDisplayString() == UserMetadataName);
            if (userArgument?.Value.Syntax is not ExpressionSyntax user || !DependsOnlyOn(model, user, variable, loop, cancellationToken))
            {
                return null;
            }

            var isVariable = model.GetSymbolInfo(user, cancellationToken).Symbol is ILocalSymbol local && SymbolEqualityComparer.Default.Equals(local, variable);
            return new Plan(loop, server, loop.Expression, loop.Identifier.ValueText, isVariable ? null : user);
        }

        private static ForEachStatementSyntax? ParentLoop(StatementSyntax statement) => statement.Parent switch
        {
            ForEachStatementSyntax direct => direct,
            BlockSyntax { Parent: ForEachStatementSyntax braced } => braced,
            _ => null,
        };

        /// <summary>Every statement of the body is the awaited connect or an awaited disconnect of the same client.</summary>
        private static bool BodyOnlyConnects(ForEachStatementSyntax loop, ExpressionStatementSyntax connect, ExpressionSyntax client, SemanticModel model, CancellationToken cancellationToken)
        {
            var statements = loop.Statement is BlockSyntax block ? block.Statements.ToList() : new() { loop.Statement };
            var clientSymbol = model.GetSymbolInfo(client, cancellationToken).Symbol;
            return clientSymbol is not null && statements.All(s => s == connect
                ? AwaitedCall(s) is not null
                : AwaitedCall(s) is { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "DisconnectUserAsync" } access }
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, cancellationToken).Symbol, clientSymbol));
        }

        /// <summary>The call of <c>await x.M(..)</c> or <c>await x.M(..).ConfigureAwait(..)</c>.</summary>
        private static InvocationExpressionSyntax? AwaitedCall(StatementSyntax statement)
        {
            if (statement is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: InvocationExpressionSyntax call } })
            {
                return null;
            }

            return call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: InvocationExpressionSyntax inner } ? inner : call;
        }

        private static bool IsEnumerableOf(ITypeSymbol? collection, ITypeSymbol element) =>
            collection is not null
            && (collection is IArrayTypeSymbol array && SymbolEqualityComparer.Default.Equals(array.ElementType, element)
                || collection.AllInterfaces.Append(collection as INamedTypeSymbol).OfType<INamedTypeSymbol>().Any(i =>
                    i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                    && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], element)));

        /// <summary>The user uses the loop variable and nothing else declared inside the loop, so it can move into a lambda over the collection.</summary>
        private static bool DependsOnlyOn(SemanticModel model, ExpressionSyntax user, ILocalSymbol variable, ForEachStatementSyntax loop, CancellationToken cancellationToken)
        {
            var usesVariable = false;
            foreach (var name in user.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(name, cancellationToken).Symbol is ILocalSymbol local)
                {
                    if (SymbolEqualityComparer.Default.Equals(local, variable))
                    {
                        usesVariable = true;
                    }
                    else if (local.DeclaringSyntaxReferences.Any(r => loop.Span.Contains(r.Span)))
                    {
                        return false;
                    }
                }
            }

            return usesVariable;
        }

        /// <summary>A server client declared before the loop: a local, a parameter, or a field or property usable from the method.</summary>
        private static string? ServerInScope(SemanticModel model, ForEachStatementSyntax loop, INamedTypeSymbol serverType)
        {
            var isStatic = model.GetEnclosingSymbol(loop.SpanStart) is { IsStatic: true };
            foreach (var symbol in model.LookupSymbols(loop.SpanStart))
            {
                var (type, usable) = symbol switch
                {
                    ILocalSymbol local => (local.Type, local.DeclaringSyntaxReferences.All(r => r.Span.End <= loop.SpanStart)),
                    IParameterSymbol parameter => (parameter.Type, true),
                    IFieldSymbol field => (field.Type, !isStatic || field.IsStatic),
                    IPropertySymbol property => (property.Type, (!isStatic || property.IsStatic) && property.GetMethod is not null),
                    _ => (null, false),
                };
                if (usable && SymbolEqualityComparer.Default.Equals(type, serverType))
                {
                    return symbol.Name;
                }
            }

            return null;
        }
    }
}
