using ReferenceServices.Contracts.Users;

namespace UserService.Infrastructure;

/// <summary>A user row; <see cref="PasswordHash"/> is the Identity PBKDF2 hash (format marker, salt, subkey).</summary>
public sealed record StoredUser(string Id, string Username, string Email, string? FullName, string PasswordHash, DateTimeOffset CreatedAt)
{
    public UserDto ToDto() => new(Id, Username, Email, FullName, CreatedAt);
}
