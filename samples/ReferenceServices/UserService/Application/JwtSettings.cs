using Microsoft.IdentityModel.Tokens;

namespace UserService.Application;

/// <summary>Section <c>User:Jwt</c>: issuer, audience, token lifetime (default 1 h) and the HMAC signing key.</summary>
public sealed record JwtSettings(string Issuer, string Audience, TimeSpan Lifetime, SymmetricSecurityKey SigningKey);
