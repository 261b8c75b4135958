using Microsoft.Extensions.DependencyInjection;
using Tx.Cqrs.Commands;
using Tx.Cqrs.Tests.Fixtures;
using Tx.Cqrs.Validation;

namespace Tx.Cqrs.Tests.Validation;

public sealed class ValidationMiddlewareTests
{
    private static ServiceProvider Build(ServiceLifetime validatorLifetime = ServiceLifetime.Singleton) =>
        TestContainer.Build(b => b
            .UseValidation()
            .AddCommandHandler<OpenAccountCommand, string, OpenAccountCommandHandler>()
            .AddCommandHandler<PingCommand, int, PingCommandHandler>(ServiceLifetime.Singleton)
            .AddValidator<OpenAccountCommand, OpenAccountOwnerValidator>(validatorLifetime)
            .AddValidator<OpenAccountCommand, OpenAccountMoneyValidator>(validatorLifetime));

    [Theory]
    [InlineData(ServiceLifetime.Singleton)]
    [InlineData(ServiceLifetime.Scoped)]
    [InlineData(ServiceLifetime.Transient)]
    public async Task InvokeAsync_SeveralInvalidFields_ThrowsOneExceptionListingEveryField(ServiceLifetime validatorLifetime)
    {
        using ServiceProvider provider = Build(validatorLifetime);
        ICommandBus bus = provider.GetRequiredService<ICommandBus>();

        ValidationException exception = await Assert.ThrowsAsync<ValidationException>(
            () => bus.ExecuteAsync(new OpenAccountCommand(" ", "EURO", -5m)).AsTask());

        Assert.Equal(["Owner", "Currency", "InitialDeposit"], exception.Errors.Select(e => e.Field));
        Assert.Equal(typeof(OpenAccountCommand), exception.MessageType);
        Assert.Contains("Owner: is required", exception.Message, StringComparison.Ordinal);
        Assert.Contains("InitialDeposit: must not be negative", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("opened", provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task InvokeAsync_ValidMessage_CallsHandler()
    {
        using ServiceProvider provider = Build();

        string account = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new OpenAccountCommand("Ada", "EUR", 10m));

        Assert.Equal("acc_1", account);
        Assert.Equal(["opened"], provider.GetRequiredService<Recorder>().Entries);
    }

    [Fact]
    public async Task InvokeAsync_MessageWithoutValidators_IsLeftOutOfThePipeline()
    {
        using ServiceProvider provider = Build();

        int result = await provider.GetRequiredService<ICommandBus>().ExecuteAsync(new PingCommand(1));

        Assert.Equal(2, result);
        var middleware = ActivatorUtilities.CreateInstance<ValidationMiddleware<PingCommand, int>>(provider);
        Assert.False(middleware.IsActive);
        Assert.True(ActivatorUtilities.CreateInstance<ValidationMiddleware<OpenAccountCommand, string>>(provider).IsActive);
    }
}
