namespace ReferenceServices.Contracts.Users;

/// <summary>What <c>POST /users/login</c> returns: a JWT bearer token for <c>Authorization: Bearer …</c>.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, UserDto User);
