using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// A connect statement that can move to just before its loop: a statement of the loop's body (not
/// its condition or increment), not across a lambda or local function, whose expression uses no
/// variable declared or assigned inside the loop, and whose own variables cannot clash once moved.
/// </summary>
internal sealed class HoistPlan
{
    private HoistPlan(StatementSyntax statement, StatementSyntax loop, StatementSyntax loopBody)
    {
        Statement = statement;
        Loop = loop;
        LoopBody = loopBody;
    }

    /// <summary>The statement that moves: the connect with its await and any assignment or declaration.</summary>
    public StatementSyntax Statement { get; }

    /// <summary>A <c>for</c>, <c>foreach</c>, <c>while</c> or <c>do</c> statement.</summary>
    public StatementSyntax Loop { get; }

    public StatementSyntax LoopBody { get; }

    public static HoistPlan? TryCreate(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (call.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
            || statement is not (ExpressionStatementSyntax or LocalDeclarationStatementSyntax)
            || EnclosingLoop(statement) is not { } loop
            || Body(loop) is not { } body
            || !body.Span.Contains(statement.Span))
        {
            return null;
        }

        var flow = model.AnalyzeDataFlow(body);
        var iterationVariables = IterationVariables(loop, model, cancellationToken);
        if (flow is null || !flow.Succeeded)
        {
            return null;
        }

        var declaredHere = statement is LocalDeclarationStatementSyntax declaration
            ? declaration.Declaration.Variables.Select(v => model.GetDeclaredSymbol(v, cancellationToken)).ToList()
            : new List<ISymbol?>();

        foreach (var identifier in statement.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
            if (symbol is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol
                && !declaredHere.Contains(symbol, SymbolEqualityComparer.Default)
                && (flow.VariablesDeclared.Contains(symbol, SymbolEqualityComparer.Default)
                    || flow.WrittenInside.Contains(symbol, SymbolEqualityComparer.Default)
                    || iterationVariables.Contains(symbol, SymbolEqualityComparer.Default)))
            {
                return null;
            }
        }

        return declaredHere.Any(symbol => symbol is null || NameIsDeclaredElsewhere(symbol, loop))
            ? null
            : new HoistPlan(statement, loop, body);
    }

    /// <summary>Moving a declaration out a scope level clashes with any other local of the same name in the enclosing body.</summary>
    private static bool NameIsDeclaredElsewhere(ISymbol local, StatementSyntax loop)
    {
        var body = loop.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
            or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax) ?? loop;
        var ownDeclaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.Span;
        return body.DescendantTokens().Any(token =>
            token.IsKind(SyntaxKind.IdentifierToken)
            && token.ValueText == local.Name
            && token.Parent?.Span != ownDeclaration
            && token.Parent is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax
                or ParameterSyntax or CatchDeclarationSyntax);
    }

    private static StatementSyntax? Body(StatementSyntax loop) => loop switch
    {
        ForStatementSyntax @for => @for.Statement,
        CommonForEachStatementSyntax forEach => forEach.Statement,
        WhileStatementSyntax @while => @while.Statement,
        DoStatementSyntax @do => @do.Statement,
        _ => null,
    };

    /// <summary>Variables the loop itself declares and changes outside its body: <c>foreach</c> variables and <c>for</c> declarations.</summary>
    private static ImmutableArray<ISymbol> IterationVariables(StatementSyntax loop, SemanticModel model, CancellationToken cancellationToken) => loop switch
    {
        ForEachStatementSyntax forEach => model.GetDeclaredSymbol(forEach, cancellationToken) is { } variable
            ? ImmutableArray.Create<ISymbol>(variable)
            : ImmutableArray<ISymbol>.Empty,
        ForEachVariableStatementSyntax deconstruction => deconstruction.Variable.DescendantNodesAndSelf()
            .OfType<SingleVariableDesignationSyntax>()
            .Select(d => model.GetDeclaredSymbol(d, cancellationToken))
            .OfType<ISymbol>()
            .ToImmutableArray(),
        ForStatementSyntax { Declaration: { } declaration } => declaration.Variables
            .Select(v => model.GetDeclaredSymbol(v, cancellationToken))
            .OfType<ISymbol>()
            .ToImmutableArray(),
        _ => ImmutableArray<ISymbol>.Empty,
    };

    private static StatementSyntax? EnclosingLoop(StatementSyntax statement)
    {
        foreach (var ancestor in statement.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case MemberDeclarationSyntax:
                    return null;
                case ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax:
                    return (StatementSyntax)ancestor;
            }
        }

        return null;
    }
}
