using System.IO.Compression;

namespace Tx.Packaging.Tests;

[Trait("Category", "Packaging")]
public sealed class ResiliencePackageTests : IDisposable
{
    private static readonly TimeSpan s_stepTimeout = TimeSpan.FromMinutes(4);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tx-packaging-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _version = "0.1.0-pkgtest" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        TryDelete(_root);

        // The unique test version was restored into the user's package cache; remove it again.
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(cache, "tx.resilience", _version));
    }

    [Fact]
    public async Task Pack_FreshConsoleProject_AddsPackageAndRunsCircuitBreaker()
    {
        // Arrange: pack into a folder feed, with its own artifacts folder so that it never races the repository build.
        string repository = FindRepositoryRoot();
        string feed = Path.Combine(_root, "feed");
        string app = Path.Combine(_root, "app");
        Directory.CreateDirectory(feed);
        await ProcessRunner.RunAsync(
            "dotnet",
            $"pack \"{Path.Combine(repository, "src", "Tx.Resilience", "Tx.Resilience.csproj")}\" -c Release -o \"{feed}\" -p:Version={_version} -p:ArtifactsPath=\"{Path.Combine(_root, "artifacts")}\"",
            repository,
            s_stepTimeout);

        // Assert the package content: README, XML docs, symbols package.
        string nupkg = Path.Combine(feed, $"Tx.Resilience.{_version}.nupkg");
        Assert.True(File.Exists(nupkg), $"missing {nupkg}");
        Assert.True(File.Exists(Path.Combine(feed, $"Tx.Resilience.{_version}.snupkg")), "missing .snupkg");
        using (ZipArchive archive = ZipFile.OpenRead(nupkg))
        {
            string[] entries = [.. archive.Entries.Select(e => e.FullName)];
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/Tx.Resilience.dll", entries);
            Assert.Contains("lib/net10.0/Tx.Resilience.xml", entries);
        }

        // Act: a fresh console project outside the repository, with its own nuget.config (local feed + nuget.org).
        Directory.CreateDirectory(app);
        await ProcessRunner.RunAsync("dotnet", "new console -n PackagingProbe -o . --framework net10.0", app, s_stepTimeout);
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        await ProcessRunner.RunAsync("dotnet", $"add package Tx.Resilience --version {_version}", app, s_stepTimeout);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ProbeProgram);
        string output = await ProcessRunner.RunAsync("dotnet", "run", app, s_stepTimeout);

        // Assert: the guide's example, printed by the packaged breaker.
        string[] lines = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith("probe:", StringComparison.Ordinal))];
        Assert.Equal(
            [
                "probe: call 1 ok, CLOSED",
                "probe: call 2 failed, CLOSED",
                "probe: transition CLOSED -> OPEN",
                "probe: call 3 failed, OPEN 66.7%",
                "probe: call 4 rejected, retry-after>0",
                "probe: transition OPEN -> HALF_OPEN",
                "probe: transition HALF_OPEN -> CLOSED",
                "probe: call 5 ok, CLOSED",
            ],
            lines);
    }

    private const string ProbeProgram = """
        using System.Globalization;
        using Tx.Resilience.CircuitBreaking;

        var breaker = new CircuitBreaker("probe", new CircuitBreakerOptions { BreakDuration = TimeSpan.FromMilliseconds(300) });
        breaker.StateChanged += (_, e) => Console.WriteLine($"probe: transition {e.PreviousState.ToWireName()} -> {e.NewState.ToWireName()}");

        breaker.Execute(() => 1);
        Console.WriteLine($"probe: call 1 ok, {breaker.State.ToWireName()}");
        try { breaker.Execute<int>(() => throw new TimeoutException()); } catch (TimeoutException) { Console.WriteLine($"probe: call 2 failed, {breaker.State.ToWireName()}"); }
        try { breaker.Execute<int>(() => throw new TimeoutException()); } catch (TimeoutException)
        {
            var snapshot = breaker.GetSnapshot();
            Console.WriteLine($"probe: call 3 failed, {snapshot.StateName} {snapshot.FailureRatePercent.ToString("0.0", CultureInfo.InvariantCulture)}%");
        }

        try { breaker.Execute(() => 1); } catch (BrokenCircuitException ex) { Console.WriteLine($"probe: call 4 rejected, retry-after>{(ex.RetryAfter > TimeSpan.Zero ? "0" : "?")}"); }
        await Task.Delay(400);
        breaker.Execute(() => 1);
        Console.WriteLine($"probe: call 5 ok, {breaker.State.ToWireName()}");
        """;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")) && Directory.Exists(Path.Combine(dir.FullName, "src", "Tx.Resilience")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
