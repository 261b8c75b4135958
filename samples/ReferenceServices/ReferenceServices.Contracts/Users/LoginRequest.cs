namespace ReferenceServices.Contracts.Users;

/// <summary>Body of <c>POST /users/login</c>: <see cref="Username"/> may also be the email address.</summary>
public sealed record LoginRequest(string? Username, string? Password);
