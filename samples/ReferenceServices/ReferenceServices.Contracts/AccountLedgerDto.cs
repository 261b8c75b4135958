namespace ReferenceServices.Contracts;

/// <summary>An account and every balance change, read in one transaction: the balance equals the credits minus the debits.</summary>
public sealed record AccountLedgerDto(AccountDto Account, IReadOnlyList<LedgerEntryDto> Entries);
