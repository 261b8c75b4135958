using Microsoft.Extensions.Configuration;
using ReferenceServices.Contracts;

namespace ReferenceServices.ServiceDefaults.Hosting;

/// <summary>Where each service listens: <c>Services:&lt;name&gt;</c> in configuration, else http://127.0.0.1:&lt;default port&gt;.</summary>
public static class ServiceEndpoints
{
    public static Uri Resolve(IConfiguration configuration, string serviceName)
    {
        string? configured = configuration[$"Services:{serviceName}"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Uri(configured);
        }

        int port = ServiceNames.DefaultPorts[serviceName];
        return new Uri($"http://127.0.0.1:{port}");
    }

    public static string DataDirectory(IConfiguration configuration)
    {
        // Relative to the app folder (under artifacts/ when run from the repo), not the shell's directory.
        string directory = Path.GetFullPath(configuration["ReferenceServices:DataDirectory"] ?? "data", AppContext.BaseDirectory);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static string SqliteConnectionString(IConfiguration configuration, string fileName) =>
        $"Data Source={Path.Combine(DataDirectory(configuration), fileName)}";
}
