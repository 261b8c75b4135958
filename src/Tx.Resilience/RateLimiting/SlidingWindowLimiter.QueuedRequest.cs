using System.Threading.RateLimiting;

namespace Tx.Resilience.RateLimiting;

public abstract partial class SlidingWindowLimiter
{
    /// <summary>A caller waiting in <c>AcquireAsync</c>; completed under the limiter's lock, continued asynchronously.</summary>
    private sealed class QueuedRequest
    {
        private readonly SlidingWindowLimiter _owner;
        private readonly TaskCompletionSource<RateLimitLease> _completion =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public QueuedRequest(SlidingWindowLimiter owner, int permitCount)
        {
            _owner = owner;
            PermitCount = permitCount;
        }

        public int PermitCount { get; }

        private CancellationTokenRegistration _registration;

        public Task<RateLimitLease> Task => _completion.Task;

        public bool IsCompleted => _completion.Task.IsCompleted;

        public void Register(CancellationToken token)
        {
            CancellationTokenRegistration registration = token.UnsafeRegister(
                static (state, cancelled) => ((QueuedRequest)state!).Cancel(cancelled), this);

            // Completed meanwhile: nothing left to cancel.
            if (_completion.Task.IsCompleted)
            {
                registration.Unregister();
            }
            else
            {
                _registration = registration;
            }
        }

        public void Cancel(CancellationToken token) => _owner.OnCancelled(this, token);

        public bool TryCancel(CancellationToken token) => _completion.TrySetCanceled(token);

        public void Complete(RateLimitLease lease)
        {
            // Unregister, not Dispose: Dispose would wait for a running cancellation callback that needs our lock.
            _registration.Unregister();
            _completion.TrySetResult(lease);
        }
    }
}
