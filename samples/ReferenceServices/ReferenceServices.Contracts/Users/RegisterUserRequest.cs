namespace ReferenceServices.Contracts.Users;

/// <summary>Body of <c>POST /users/register</c>. Everything nullable so validation names missing fields.</summary>
public sealed record RegisterUserRequest(string? Username, string? Email, string? Password, string? FullName = null);
