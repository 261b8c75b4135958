namespace Tx.TestUtilities;

/// <summary>Connection settings for the servers eng/services.sh starts (overridable by environment).</summary>
public static class TestEnvironment
{
    public static string MySql =>
        Environment.GetEnvironmentVariable("TX_MYSQL") ?? "Server=127.0.0.1;Port=3306;User ID=tx;Password=tx;Database=tx_tests";

    public static string PostgreSql =>
        Environment.GetEnvironmentVariable("TX_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=tx;Password=tx;Database=tx_tests";

    public static string Redis => Environment.GetEnvironmentVariable("TX_REDIS") ?? "127.0.0.1:6379";

    public static string? MongoDb => Environment.GetEnvironmentVariable("TX_MONGODB_URL");

    public static string? Kafka => Environment.GetEnvironmentVariable("TX_KAFKA_BOOTSTRAP");

    public static string? SpannerPostgreSql => Environment.GetEnvironmentVariable("TX_SPANNER_PG");
}
