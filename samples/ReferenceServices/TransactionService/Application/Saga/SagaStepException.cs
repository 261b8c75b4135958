namespace TransactionService.Application.Saga;

public sealed class SagaStepException(string message) : Exception(message);
