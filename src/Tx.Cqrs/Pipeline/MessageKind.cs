namespace Tx.Cqrs.Pipeline;

/// <summary>Whether a message going through the pipeline is a command or a query.</summary>
public enum MessageKind
{
    /// <summary>A command (<see cref="Commands.ICommand{TResult}"/>).</summary>
    Command = 0,

    /// <summary>A query (<see cref="Queries.IQuery{TResult}"/>).</summary>
    Query = 1,
}
