using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// Moves a statement out of a method that runs many times into the type's once-per-instance
/// lifecycle method (<see cref="LifecycleMethods.OncePointOf"/>), inside a connection-state guard
/// when one is known. Possible when the statement runs unconditionally in the method's body (only
/// plain blocks around it: a condition, loop or <c>try</c> around it is part of its meaning), uses no
/// local, parameter or local function of that method, declares nothing the rest of the method uses,
/// and its names mean the same in the target method. A statement that connects several clients moves
/// with <see cref="ArgumentGuards"/> on its connects, or unguarded when they cannot be guarded one by
/// one: it then runs once per instance, which is what the rule asks for.
/// </summary>
internal sealed class OnceMove
{
    private OnceMove(StatementSite site, StatementSyntax statement, MethodDeclarationSyntax source, IMethodSymbol sourceSymbol, bool sourceEndReachable, LifecycleSlot target, ConnectionGuard? guard)
    {
        Site = site;
        Statement = statement;
        Source = source;
        SourceSymbol = sourceSymbol;
        SourceEndReachable = sourceEndReachable;
        Target = target;
        Guard = guard;
    }

    public StatementSite Site { get; }

    /// <summary>The statement as it is written into the target (with its trivia, before the guard).</summary>
    public StatementSyntax Statement { get; }

    /// <summary>The method the statement leaves.</summary>
    public MethodDeclarationSyntax Source { get; }

    public LifecycleSlot Target { get; }

    /// <summary>The guard the moved statement goes under; null to move it unguarded.</summary>
    public ConnectionGuard? Guard { get; }

    private IMethodSymbol SourceSymbol { get; }

    private bool SourceEndReachable { get; }

    /// <param name="guard">The guard around the moved statement; null to move it unguarded.</param>
    /// <param name="argumentGuards">The guards of the connects of a statement that connects several clients (with a null <paramref name="guard"/>).</param>
    public static OnceMove? TryCreate(StatementSite site, ConnectionGuard? guard, ArgumentGuards? argumentGuards, SemanticModel model, Lifecycles lifecycles, CancellationToken cancellationToken)
    {
        var statement = argumentGuards?.GuardedStatement(site) ?? site.AsStatement();
        if (site.Function is not MethodDeclarationSyntax source
            || !RunsUnconditionally(site, source)
            || site.Node.ContainsDirectives
            || model.GetDeclaredSymbol(source, cancellationToken) is not { } sourceSymbol
            || sourceSymbol.ContainingType is not { } type
            || lifecycles.FrameworkOf(type) is not { } framework
            || (source.Modifiers.Any(SyntaxKind.AsyncKeyword) && !(sourceSymbol.ReturnsVoid || StatementSite.IsNonGenericAwaitable(sourceSymbol.ReturnType)))
            || UsesVariablesOfItsMethod(site, model, cancellationToken)
            || DeclaresVariablesUsedLater(site, source, model, cancellationToken)
            || LifecycleMethods.OncePointOf(type, framework, model, cancellationToken) is not { } target
            || target.Declaration == source
            || !target.CanAppend(site.Awaits)
            || NamesOf(statement).Concat(guard is null ? Enumerable.Empty<string>() : NamesOf(guard.Condition)).Any(target.DeclaredNames.Contains))
        {
            return null;
        }

        var sourceEndReachable = true;
        if (source.Body is { Statements: { Count: > 0 } statements })
        {
            var flow = model.AnalyzeControlFlow(statements.First(), statements.Last());
            sourceEndReachable = flow is null || !flow.Succeeded || flow.EndPointIsReachable;
        }

        return new OnceMove(site, statement, source, sourceSymbol, sourceEndReachable, target, guard);
    }

    /// <summary>
    /// Applies moves into one editor: per target method, one guard per client (an existing
    /// <c>if</c> with the same condition is reused) and each statement text once; statements come
    /// in source order. A statement whose variable would clash with one moved before it stays.
    /// </summary>
    public static void Apply(SyntaxEditor editor, IEnumerable<OnceMove> moves)
    {
        var distinct = moves.GroupBy(m => m.Site.Node).Select(g => g.First()).OrderBy(m => m.Site.Node.SpanStart).ToList();
        foreach (var targetMoves in distinct.GroupBy(m => (Type: m.Target.Type, m.Target.Name), TargetComparer.Instance))
        {
            var groups = new List<GuardGroup>();
            var movedNames = new HashSet<string>();
            var applied = new List<OnceMove>();
            foreach (var move in targetMoves)
            {
                var statement = move.Statement;
                var text = ConnectionGuard.TokensOf(statement);
                var group = groups.FirstOrDefault(g => g.Key == (move.Guard?.Text ?? string.Empty));
                if (group is null)
                {
                    group = new GuardGroup(move.Guard);
                    groups.Add(group);
                }

                if (!group.Texts.Contains(text))
                {
                    var declared = DeclaredNames(move.Site.Node).ToList();
                    if (declared.Any(movedNames.Contains))
                    {
                        continue;
                    }

                    movedNames.UnionWith(declared);
                    group.Add(text, Moved(statement));
                }

                applied.Add(move);
            }

            if (applied.Count == 0)
            {
                continue;
            }

            foreach (var sourceMoves in applied.GroupBy(m => m.Source))
            {
                RemoveFromSource(editor, sourceMoves.ToList());
            }

            var first = applied[0];
            var awaits = applied.Any(m => m.Site.Awaits);
            if (first.Target.Declaration is { } existing)
            {
                editor.ReplaceNode(existing, (current, _) =>
                    first.Target.Append((MethodDeclarationSyntax)current, awaits, (statements, index) => Merge(statements, index, groups)));
            }
            else
            {
                var created = first.Target.Create(groups.SelectMany(g => g.ToStatements()).ToList(), awaits, editor.Generator);
                var anchor = applied.Select(m => m.Source).Where(s => s.Parent == first.Source.Parent).OrderBy(s => s.SpanStart).First();
                editor.InsertBefore(anchor, AsNewMemberBefore(created, anchor));
            }
        }
    }

    private static void RemoveFromSource(SyntaxEditor editor, List<OnceMove> moves)
    {
        var source = moves[0];
        foreach (var move in moves)
        {
            if (move.Site.Statement is { } statement)
            {
                editor.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        editor.ReplaceNode(source.Source, (current, generator) =>
        {
            var method = (MethodDeclarationSyntax)current;
            if (method.ExpressionBody is not null)
            {
                // The expression body was the moved statement.
                method = method.WithExpressionBody(null).WithSemicolonToken(default)
                    .WithBody(Block().WithAdditionalAnnotations(Formatter.Annotation).WithTrailingTrivia(method.SemicolonToken.TrailingTrivia));
            }

            if (!method.Modifiers.Any(SyntaxKind.AsyncKeyword) || StatementSite.Awaiting(method.Body!))
            {
                return method;
            }

            // No await is left: "async" would only earn CS1998, so it goes, and a task-returning method returns a completed task.
            method = AsyncModifier.Remove(method);
            if (source.SourceSymbol.ReturnsVoid)
            {
                return method;
            }

            var completed = LifecycleSlot.CompletedTask(source.SourceSymbol.ReturnType, generator);
            var body = method.Body!;
            body = body.ReplaceNodes(
                body.DescendantNodes(n => !StatementSite.IsNestedFunction(n)).OfType<ReturnStatementSyntax>().Where(r => r.Expression is null),
                (original, _) => original.WithExpression(completed).WithReturnKeyword(original.ReturnKeyword.WithTrailingTrivia(Space)));
            if (source.SourceEndReachable)
            {
                body = body.AddStatements(ReturnStatement(completed).WithAdditionalAnnotations(Formatter.Annotation));
            }

            return method.WithBody(body);
        });
    }

    private static SyntaxList<StatementSyntax> Merge(SyntaxList<StatementSyntax> statements, int index, List<GuardGroup> groups)
    {
        foreach (var group in groups)
        {
            if (group.Guard is { } guard && statements.FirstOrDefault(guard.Guards) is IfStatementSyntax existing)
            {
                var block = (BlockSyntax)existing.Statement;
                var present = new HashSet<string>(block.Statements.Select(ConnectionGuard.TokensOf));
                var added = group.Statements.Where(s => !present.Contains(ConnectionGuard.TokensOf(s))).ToList();
                statements = statements.Replace(existing, existing.WithStatement(block.AddStatements(added.ToArray())));
                continue;
            }

            var topLevel = new HashSet<string>(statements.Select(ConnectionGuard.TokensOf));
            var fresh = group.Guard is null
                ? group.Statements.Where(s => !topLevel.Contains(ConnectionGuard.TokensOf(s))).ToList()
                : group.ToStatements().ToList();
            statements = statements.InsertRange(index, fresh);
            index += fresh.Count;
        }

        return statements;
    }

    /// <summary>A blank line separates the new method from its neighbours, unless it opens the type.</summary>
    private static MethodDeclarationSyntax AsNewMemberBefore(MethodDeclarationSyntax created, MethodDeclarationSyntax anchor)
    {
        var newLine = BlockLayout.EndOfLineOf(anchor);
        var opensType = anchor.Parent is TypeDeclarationSyntax type && type.Members.First() == anchor;
        var anchorStartsWithBlankLine = anchor.GetLeadingTrivia().FirstOrDefault().IsKind(SyntaxKind.EndOfLineTrivia);
        var leading = opensType ? TriviaList() : TriviaList(newLine);
        var trailing = anchorStartsWithBlankLine ? TriviaList(newLine) : TriviaList(newLine, newLine);
        return created.WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
    }

    /// <summary>The statement without the blank lines and indentation before it (its comments stay), ending its line.</summary>
    private static StatementSyntax Moved(StatementSyntax statement)
    {
        var leading = statement.GetLeadingTrivia().SkipWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia));
        var trailing = statement.GetTrailingTrivia();
        if (!trailing.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            trailing = TriviaList(trailing.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)).Append(ElasticMarker));
        }

        return statement.WithLeadingTrivia(leading).WithTrailingTrivia(trailing).WithAdditionalAnnotations(Formatter.Annotation);
    }

    private static bool RunsUnconditionally(StatementSite site, MethodDeclarationSyntax source)
    {
        if (site.IsExpressionBody)
        {
            return site.Node.Parent == source.ExpressionBody;
        }

        for (var parent = site.Node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == source.Body)
            {
                return true;
            }

            if (parent is not BlockSyntax)
            {
                return false;
            }
        }

        return false;
    }

    private static bool UsesVariablesOfItsMethod(StatementSite site, SemanticModel model, CancellationToken cancellationToken) =>
        site.Node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(identifier =>
            model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol
            && symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or IMethodSymbol { MethodKind: MethodKind.LocalFunction }
            && !symbol.DeclaringSyntaxReferences.All(r => r.SyntaxTree == site.Node.SyntaxTree && site.Node.Span.Contains(r.Span)));

    private static bool DeclaresVariablesUsedLater(StatementSite site, MethodDeclarationSyntax source, SemanticModel model, CancellationToken cancellationToken)
    {
        var declared = site.DeclaredVariables(model, cancellationToken);
        return declared.Count > 0 && source.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier =>
            !site.Node.Span.Contains(identifier.Span)
            && model.GetSymbolInfo(identifier, cancellationToken).Symbol is { } symbol
            && declared.Contains(symbol, SymbolEqualityComparer.Default));
    }

    /// <summary>Simple names used or declared in <paramref name="node"/> (not member names after a dot).</summary>
    private static IEnumerable<string> NamesOf(SyntaxNode node) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Where(i => !(i.Parent is MemberAccessExpressionSyntax access && access.Name == i) && i.Parent is not MemberBindingExpressionSyntax)
            .Select(i => i.Identifier.ValueText)
            .Concat(DeclaredNames(node));

    private static IEnumerable<string> DeclaredNames(SyntaxNode node) =>
        node.DescendantNodesAndSelf().Select(n => n switch
        {
            VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
            SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
            _ => null,
        }).Where(n => n is not null).Select(n => n!);

    /// <summary>The statements moved under one guard (or unguarded), each text once.</summary>
    private sealed class GuardGroup
    {
        public GuardGroup(ConnectionGuard? guard) => Guard = guard;

        public ConnectionGuard? Guard { get; }

        public string Key => Guard?.Text ?? string.Empty;

        public HashSet<string> Texts { get; } = new();

        public List<StatementSyntax> Statements { get; } = new();

        public void Add(string text, StatementSyntax statement)
        {
            Texts.Add(text);
            Statements.Add(statement);
        }

        public IEnumerable<StatementSyntax> ToStatements() =>
            Guard is null ? Statements : new StatementSyntax[] { Guard.Wrap(Statements) };
    }

    private sealed class TargetComparer : IEqualityComparer<(INamedTypeSymbol Type, string Name)>
    {
        public static readonly TargetComparer Instance = new();

        public bool Equals((INamedTypeSymbol Type, string Name) x, (INamedTypeSymbol Type, string Name) y) =>
            SymbolEqualityComparer.Default.Equals(x.Type, y.Type) && x.Name == y.Name;

        public int GetHashCode((INamedTypeSymbol Type, string Name) obj) =>
            SymbolEqualityComparer.Default.GetHashCode(obj.Type) ^ obj.Name.GetHashCode();
    }
}
