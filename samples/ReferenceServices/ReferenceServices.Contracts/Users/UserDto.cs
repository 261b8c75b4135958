namespace ReferenceServices.Contracts.Users;

/// <summary>A user's profile (never the password hash).</summary>
public sealed record UserDto(string Id, string Username, string Email, string? FullName, DateTimeOffset CreatedAt);
