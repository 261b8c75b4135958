using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using ReferenceServices.Contracts.Users;
using ReferenceServices.ServiceDefaults.Problems;
using UserService.Infrastructure;

namespace UserService.Application;

/// <summary>Registration and log-in: validation, PBKDF2 hashing through <see cref="IPasswordHasher{TUser}"/>, and a
/// dummy verification for unknown users so a failed log-in takes the same time whether or not the user exists.</summary>
public sealed partial class UserAccounts(UserStore store, IPasswordHasher<StoredUser> hasher, TimeProvider time)
{
    private static readonly StoredUser s_nobody = new("none", "none", "none@invalid", null, string.Empty, DateTimeOffset.UnixEpoch);
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(s_nobody, Guid.NewGuid().ToString()));

    public async Task<UserDto> RegisterAsync(RegisterUserRequest request)
    {
        FieldErrors errors = new();
        string username = request.Username?.Trim() ?? string.Empty;
        string email = request.Email?.Trim() ?? string.Empty;
        string password = request.Password ?? string.Empty;
        if (username.Length == 0)
        {
            errors.Add("username", "'username' is required.");
        }
        else if (!UsernamePattern().IsMatch(username))
        {
            errors.Add("username", "'username' must be 3-32 characters: letters, digits, '.', '_' or '-'.");
        }

        if (email.Length == 0)
        {
            errors.Add("email", "'email' is required.");
        }
        else if (email.Length > 254 || !MailAddress.TryCreate(email, out MailAddress? parsed) || parsed.Address != email)
        {
            errors.Add("email", "'email' is not a valid email address.");
        }

        if (password.Length == 0)
        {
            errors.Add("password", "'password' is required.");
        }
        else if (password.Length is < 8 or > 128 || !password.Any(char.IsLetter) || !password.Any(char.IsDigit))
        {
            errors.Add("password", "'password' must be 8-128 characters with at least one letter and one digit.");
        }

        if (request.FullName is { Length: > 200 })
        {
            errors.Add("fullName", "'fullName' must be at most 200 characters.");
        }

        errors.ThrowIfAny();

        StoredUser user = new($"usr-{Guid.NewGuid():N}", username, email, request.FullName?.Trim(), string.Empty, time.GetUtcNow());
        user = user with { PasswordHash = hasher.HashPassword(user, password) };
        await store.AddAsync(user);
        return user.ToDto();
    }

    /// <summary>The user, or null when the name/email is unknown or the password is wrong.</summary>
    public async Task<UserDto?> LogInAsync(LoginRequest request)
    {
        string login = Require.Text(request.Username, "username").Trim();
        string password = Require.Text(request.Password, "password");
        StoredUser? user = await store.FindByLoginAsync(login);
        if (user is null)
        {
            _ = hasher.VerifyHashedPassword(s_nobody, _dummyHash.Value, password);
            return null;
        }

        PasswordVerificationResult result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await store.UpdatePasswordHashAsync(user.Id, hasher.HashPassword(user, password));
        }

        return user.ToDto();
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,32}$")]
    private static partial Regex UsernamePattern();
}
