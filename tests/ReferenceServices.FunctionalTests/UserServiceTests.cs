using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using ReferenceServices.Contracts.Users;

namespace ReferenceServices.FunctionalTests;

[Collection(ReferenceSystemCollection.Name)]
public sealed class UserServiceTests(ReferenceSystemFixture fixture)
{
    [Fact]
    public async Task RegisterLoginProfile_WithToken_ReturnsProfileAndWithout401()
    {
        string name = $"dana{Guid.NewGuid():N}"[..20];
        using HttpResponseMessage registered = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/register",
            new { username = name, email = $"{name}@example.com", password = "s3cret-pass", fullName = "Dana Scully" }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        UserDto user = (await registered.Content.ReadFromJsonAsync<UserDto>())!;

        using HttpResponseMessage login = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/login",
            new { username = name.ToUpperInvariant(), password = "s3cret-pass" }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        TokenResponse token = (await login.Content.ReadFromJsonAsync<TokenResponse>())!;
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(3, token.AccessToken.Split('.').Length);

        HttpRequestMessage profileRequest = ReferenceSystemFixture.Request(HttpMethod.Get, "/api/user/users/profile");
        profileRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using HttpResponseMessage profile = await fixture.Gateway.SendAsync(profileRequest);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(user, await profile.Content.ReadFromJsonAsync<UserDto>());

        using HttpResponseMessage anonymous = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Get, "/api/user/users/profile"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        HttpRequestMessage forged = ReferenceSystemFixture.Request(HttpMethod.Get, "/api/user/users/profile");
        string[] parts = token.AccessToken.Split('.');
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}");
        using HttpResponseMessage rejected = await fixture.Gateway.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
    }

    [Fact]
    public async Task Register_PasswordStoredAsPbkdf2Hash_NeverPlain()
    {
        string name = $"hash{Guid.NewGuid():N}"[..20];
        using HttpResponseMessage registered = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/register",
            new { username = name, email = $"{name}@example.com", password = "plain-text-9" }));
        registered.EnsureSuccessStatusCode();

        string hash = await ScalarAsync("SELECT password_hash FROM users WHERE username = $u", name);
        Assert.DoesNotContain("plain-text-9", hash, StringComparison.Ordinal);
        byte[] decoded = Convert.FromBase64String(hash);
        Assert.Equal(0x01, decoded[0]); // Identity v3 format: PBKDF2 with salt and iteration count
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownUser_Returns401()
    {
        string name = $"erin{Guid.NewGuid():N}"[..20];
        (await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/register",
            new { username = name, email = $"{name}@example.com", password = "right-pass-1" }))).EnsureSuccessStatusCode();

        using HttpResponseMessage wrong = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/login",
            new { username = name, password = "wrong-pass-1" }));
        using HttpResponseMessage unknown = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/login",
            new { username = "nobody-" + name, password = "right-pass-1" }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Theory]
    [InlineData("username")]
    [InlineData("email")]
    public async Task Register_DuplicateUsernameOrEmail_Returns409NamingField(string duplicated)
    {
        string name = $"frank{Guid.NewGuid():N}"[..20];
        (await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/register",
            new { username = name, email = $"{name}@example.com", password = "pass-word-1" }))).EnsureSuccessStatusCode();
        string other = $"other{Guid.NewGuid():N}"[..20];
        object second = duplicated == "username"
            ? new { username = name.ToUpperInvariant(), email = $"{other}@example.com", password = "pass-word-1" }
            : new { username = other, email = $"{name.ToUpperInvariant()}@EXAMPLE.com", password = "pass-word-1" };

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ReferenceSystemFixture.Request(HttpMethod.Post, "/api/user/users/register", second));

        await ProblemAssert.NamesFieldAsync(response, duplicated, HttpStatusCode.Conflict);
        Assert.Equal("0", await ScalarAsync("SELECT COUNT(*) FROM users WHERE username = $u", other));
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { "{not json", "body" },
        { "{\"username\":\"ok_name\",\"email\":\"ok@example.com\"}", "password" },
        { "{\"email\":\"ok@example.com\",\"password\":\"pass-word-1\"}", "username" },
        { "{\"username\":\"ok_name\",\"email\":\"not-an-email\",\"password\":\"pass-word-1\"}", "email" },
        { "{\"username\":\"ok_name\",\"email\":\"ok@example.com\",\"password\":\"short1\"}", "password" },
        { "{\"username\":\"no spaces!\",\"email\":\"ok@example.com\",\"password\":\"pass-word-1\"}", "username" },
        { "{\"username\":42,\"email\":\"ok@example.com\",\"password\":\"pass-word-1\"}", "username" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Register_BadInput_Returns400NamingFieldAndStoresNothing(string json, string field)
    {
        string before = await ScalarAsync("SELECT COUNT(*) FROM users", string.Empty);

        using HttpResponseMessage response = await fixture.Gateway.SendAsync(ProblemAssert.Raw(HttpMethod.Post, "/api/user/users/register", json));

        await ProblemAssert.NamesFieldAsync(response, field);
        Assert.Equal(before, await ScalarAsync("SELECT COUNT(*) FROM users", string.Empty));
    }

    private async Task<string> ScalarAsync(string sql, string username)
    {
        await using SqliteConnection connection = new($"Data Source={Path.Combine(fixture.DataDirectory, "users.db")}");
        await connection.OpenAsync();
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$u", username);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
