namespace Tx.Cqrs.Commands;

/// <summary>Describes one executed command, for <see cref="ICommandExecutedObserver"/>.</summary>
public readonly struct OnCommandExecutedArguments
{
    /// <summary>Initializes a new instance of the <see cref="OnCommandExecutedArguments"/> struct.</summary>
    /// <param name="command">The command that was executed.</param>
    /// <param name="result">The result, or <see langword="null"/> when the command failed.</param>
    /// <param name="exception">The exception, or <see langword="null"/> when the command succeeded.</param>
    /// <param name="duration">How long the dispatch took, middleware included.</param>
    public OnCommandExecutedArguments(object command, object? result, Exception? exception, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(command);
        Command = command;
        Result = result;
        Exception = exception;
        Duration = duration;
    }

    /// <summary>Gets the command that was executed.</summary>
    public object Command { get; }

    /// <summary>Gets the result (boxed when it is a value type), or <see langword="null"/> on failure.</summary>
    public object? Result { get; }

    /// <summary>Gets the exception the pipeline threw, or <see langword="null"/> on success.</summary>
    public Exception? Exception { get; }

    /// <summary>Gets a value indicating whether the command completed without an exception.</summary>
    public bool Succeeded => Exception is null;

    /// <summary>Gets how long the dispatch took, middleware included.</summary>
    public TimeSpan Duration { get; }
}
