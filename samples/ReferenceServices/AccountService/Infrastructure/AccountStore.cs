using System.Globalization;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts;

namespace AccountService.Infrastructure;

/// <summary>Accounts in SQLite. Balances are decimals stored as invariant text and changed only inside one
/// write transaction per change, behind a process-wide writer gate: the balance check and the update are atomic,
/// so a balance never goes negative. A change is recorded by (transaction id, account, direction): a repeated
/// debit or credit returns the account unchanged.</summary>
public sealed class AccountStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    public const string OpeningTransactionId = "opening";

    private readonly SemaphoreSlim _writer = new(1, 1);

    public AccountStore(string connectionString, TimeProvider time, bool seed)
    {
        _connectionString = connectionString;
        _time = time;
        using SqliteConnection connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, currency TEXT NOT NULL, balance TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS balance_changes (transaction_id TEXT NOT NULL, account_id TEXT NOT NULL, direction TEXT NOT NULL, amount TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (transaction_id, account_id, direction));
            """);
        if (seed)
        {
            foreach ((string id, string user, string currency, decimal balance) in new[]
            {
                ("acc-alice-usd", "alice", "USD", 5_000m), ("acc-alice-eur", "alice", "EUR", 2_000m),
                ("acc-bob-usd", "bob", "USD", 1_000m), ("acc-carol-gbp", "carol", "GBP", 750m),
            })
            {
                Execute(connection, "INSERT OR IGNORE INTO accounts VALUES ($id, $user, $currency, $balance, $at)",
                    ("$id", id), ("$user", user), ("$currency", currency), ("$balance", Format(balance)), ("$at", _time.GetUtcNow().ToString("O")));
                Execute(connection, "INSERT OR IGNORE INTO balance_changes SELECT $t, $id, 'credit', $balance, $at WHERE changes() = 1",
                    ("$t", OpeningTransactionId), ("$id", id), ("$balance", Format(balance)), ("$at", _time.GetUtcNow().ToString("O")));
            }
        }
    }

    public async Task<AccountDto> CreateAsync(string userId, string currency, decimal initialBalance)
    {
        AccountDto account = new($"acc-{Guid.NewGuid():N}", userId, currency, initialBalance, _time.GetUtcNow());
        await _writer.WaitAsync();
        try
        {
            using SqliteConnection connection = Open();
            using SqliteTransaction transaction = connection.BeginTransaction();
            Execute(connection, "INSERT INTO accounts VALUES ($id, $user, $currency, $balance, $at)",
                ("$id", account.Id), ("$user", userId), ("$currency", currency), ("$balance", Format(initialBalance)), ("$at", account.CreatedAt.ToString("O")));
            if (initialBalance > 0)
            {
                // The opening balance is a ledger entry too, so balance = credits - debits holds for every account.
                Execute(connection, "INSERT INTO balance_changes VALUES ($t, $a, 'credit', $amount, $at)",
                    ("$t", OpeningTransactionId), ("$a", account.Id), ("$amount", Format(initialBalance)), ("$at", account.CreatedAt.ToString("O")));
            }

            transaction.Commit();
        }
        finally
        {
            _writer.Release();
        }

        return account;
    }

    public AccountDto? Find(string id)
    {
        using SqliteConnection connection = Open();
        return Query(connection, "SELECT id, user_id, currency, balance, created_at FROM accounts WHERE id = $id", ("$id", id)).FirstOrDefault();
    }

    /// <summary>The account and all its balance changes (oldest first), read in one transaction.</summary>
    public AccountLedgerDto? Ledger(string id)
    {
        using SqliteConnection connection = Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: true);
        AccountDto? account = Query(connection, "SELECT id, user_id, currency, balance, created_at FROM accounts WHERE id = $id", ("$id", id)).FirstOrDefault();
        if (account is null)
        {
            return null;
        }

        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT transaction_id, direction, amount, at FROM balance_changes WHERE account_id = $id ORDER BY at, rowid";
        command.Parameters.AddWithValue("$id", id);
        List<LedgerEntryDto> entries = [];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new LedgerEntryDto(reader.GetString(0), reader.GetString(1),
                decimal.Parse(reader.GetString(2), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return new AccountLedgerDto(account, entries);
    }

    public IReadOnlyList<AccountDto> List(string? userId)
    {
        using SqliteConnection connection = Open();
        return userId is null
            ? Query(connection, "SELECT id, user_id, currency, balance, created_at FROM accounts ORDER BY id")
            : Query(connection, "SELECT id, user_id, currency, balance, created_at FROM accounts WHERE user_id = $user ORDER BY id", ("$user", userId));
    }

    /// <summary>Applies a signed change. Returns the account, or null when unknown; throws <see cref="InsufficientFundsException"/>.</summary>
    public async Task<AccountDto?> ChangeAsync(string accountId, string transactionId, string direction, decimal amount)
    {
        await _writer.WaitAsync();
        try
        {
            using SqliteConnection connection = Open();
            using SqliteTransaction transaction = connection.BeginTransaction();
            AccountDto? account = Query(connection, "SELECT id, user_id, currency, balance, created_at FROM accounts WHERE id = $id", ("$id", accountId)).FirstOrDefault();
            if (account is null)
            {
                return null;
            }

            using (SqliteCommand seen = connection.CreateCommand())
            {
                seen.CommandText = "SELECT 1 FROM balance_changes WHERE transaction_id = $t AND account_id = $a AND direction = $d";
                seen.Parameters.AddWithValue("$t", transactionId);
                seen.Parameters.AddWithValue("$a", accountId);
                seen.Parameters.AddWithValue("$d", direction);
                if (seen.ExecuteScalar() is not null)
                {
                    return account; // idempotent replay
                }
            }

            decimal next = direction == "debit" ? account.Balance - amount : account.Balance + amount;
            if (next < 0)
            {
                throw new InsufficientFundsException(accountId, account.Balance, amount);
            }

            Execute(connection, "UPDATE accounts SET balance = $b WHERE id = $id", ("$b", Format(next)), ("$id", accountId));
            Execute(connection, "INSERT INTO balance_changes VALUES ($t, $a, $d, $amount, $at)",
                ("$t", transactionId), ("$a", accountId), ("$d", direction), ("$amount", Format(amount)), ("$at", _time.GetUtcNow().ToString("O")));
            transaction.Commit();
            return account with { Balance = next };
        }
        finally
        {
            _writer.Release();
        }
    }

    private SqliteConnection Open()
    {
        SqliteConnection connection = new(_connectionString);
        connection.Open();
        return connection;
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static List<AccountDto> Query(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        List<AccountDto> accounts = [];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            accounts.Add(new AccountDto(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture), DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture)));
        }

        return accounts;
    }
}
