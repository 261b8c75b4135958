namespace Tx.Cqrs.Auditing;

/// <summary>One executed command, as handed to <see cref="IAuditSink"/>.</summary>
public sealed class AuditRecord
{
    /// <summary>Initializes a new instance of the <see cref="AuditRecord"/> class.</summary>
    /// <param name="command">The command.</param>
    /// <param name="startedAt">When the command started.</param>
    /// <param name="duration">How long it ran (the rest of the pipeline after the audit middleware).</param>
    /// <param name="result">The result, or <see langword="null"/> when it failed.</param>
    /// <param name="exception">The exception, or <see langword="null"/> when it succeeded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="command"/> is <see langword="null"/>.</exception>
    public AuditRecord(object command, DateTimeOffset startedAt, TimeSpan duration, object? result, Exception? exception)
    {
        ArgumentNullException.ThrowIfNull(command);
        Command = command;
        CommandType = command.GetType().FullName ?? command.GetType().Name;
        StartedAt = startedAt;
        Duration = duration;
        Result = result;
        Exception = exception;
    }

    /// <summary>Gets the command.</summary>
    public object Command { get; }

    /// <summary>Gets the full name of the command's type.</summary>
    public string CommandType { get; }

    /// <summary>Gets when the command started, from the registered <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets how long it ran.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Gets the result (boxed when it is a value type), or <see langword="null"/> when it failed.</summary>
    public object? Result { get; }

    /// <summary>Gets the exception, or <see langword="null"/> when it succeeded.</summary>
    public Exception? Exception { get; }

    /// <summary>Gets a value indicating whether the command completed without an exception.</summary>
    public bool Succeeded => Exception is null;
}
