namespace Tx.Cqrs.Commands;

/// <summary>
/// Receives a notification after every command dispatch, successful or not. Register implementations
/// as singletons (<c>services.AddSingleton&lt;ICommandExecutedObserver, MyObserver&gt;()</c>). When none
/// is registered, the bus does not measure or build anything for notifications.
/// </summary>
public interface ICommandExecutedObserver
{
    /// <summary>
    /// Called on the dispatching thread after the pipeline finished. Keep it fast; an exception thrown
    /// here is logged and does not change the outcome of the command.
    /// </summary>
    /// <param name="arguments">The command, its result or exception, and the duration.</param>
    void OnCommandExecuted(in OnCommandExecutedArguments arguments);
}
