namespace AccountService.Infrastructure;

public sealed class InsufficientFundsException(string accountId, decimal balance, decimal amount)
    : Exception($"Account {accountId} has {balance}, cannot debit {amount}.");
