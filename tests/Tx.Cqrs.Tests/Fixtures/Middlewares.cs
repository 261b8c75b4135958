using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Pipeline;

namespace Tx.Cqrs.Tests.Fixtures;

public abstract class RecordingMiddleware<TMessage, TResult>(Recorder recorder, string name) : IMessageMiddleware<TMessage, TResult>
    where TMessage : class
{
    public async ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next)
    {
        recorder.Add($"{name}:before");
        TResult result = await next(message, context);
        recorder.Add($"{name}:after");
        return result;
    }
}

public sealed class FirstMiddleware<TMessage, TResult>(Recorder recorder) : RecordingMiddleware<TMessage, TResult>(recorder, "first")
    where TMessage : class;

public sealed class SecondMiddleware<TMessage, TResult>(Recorder recorder) : RecordingMiddleware<TMessage, TResult>(recorder, "second")
    where TMessage : class;

public sealed class ThirdMiddleware<TMessage, TResult>(Recorder recorder) : RecordingMiddleware<TMessage, TResult>(recorder, "third")
    where TMessage : class;

/// <summary>Answers every <see cref="PingCommand"/> with -1 without calling the rest of the pipeline.</summary>
public sealed class ShortCircuitPingMiddleware(Recorder recorder) : IMessageMiddleware<PingCommand, int>
{
    public ValueTask<int> InvokeAsync(PingCommand message, MessageContext context, MessageHandlerDelegate<PingCommand, int> next)
    {
        recorder.Add("short-circuit");
        return new ValueTask<int>(-1);
    }
}

/// <summary>Doubles the value of a <see cref="PingCommand"/> before passing a replacement on.</summary>
public sealed class DoublingPingMiddleware : IMessageMiddleware<PingCommand, int>
{
    public ValueTask<int> InvokeAsync(PingCommand message, MessageContext context, MessageHandlerDelegate<PingCommand, int> next) =>
        next(message with { Value = message.Value * 2 }, context);
}

/// <summary>Resolves the scoped dependency from the dispatch's services and records its id.</summary>
public sealed class ScopeRecordingMiddleware<TMessage, TResult>(Recorder recorder) : IMessageMiddleware<TMessage, TResult>
    where TMessage : class
{
    public ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next)
    {
        recorder.Add($"{context.Kind}:{typeof(TMessage).Name}:{context.Services.GetRequiredService<ScopedDependency>().Id}");
        return next(message, context);
    }
}

public interface IMarked
{
}

public sealed record MarkedCommand : Tx.Cqrs.Commands.ICommand<int>, IMarked;

public sealed class MarkedCommandHandler : Tx.Cqrs.Commands.ICommandHandler<MarkedCommand, int>
{
    public ValueTask<int> HandleAsync(MarkedCommand command, CancellationToken cancellationToken) => new(7);
}

/// <summary>Applies only to messages implementing <see cref="IMarked"/>, through its generic constraint.</summary>
public sealed class MarkedOnlyMiddleware<TMessage, TResult>(Recorder recorder) : IMessageMiddleware<TMessage, TResult>
    where TMessage : class, IMarked
{
    public ValueTask<TResult> InvokeAsync(TMessage message, MessageContext context, MessageHandlerDelegate<TMessage, TResult> next)
    {
        recorder.Add($"marked:{typeof(TMessage).Name}");
        return next(message, context);
    }
}
