using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using ReferenceServices.ServiceDefaults.Hosting;
using UserService.Application;
using UserService.Infrastructure;

namespace UserService;

public static class UserServiceExtensions
{
    /// <summary>SQLite user store (<c>users.db</c>), PBKDF2 password hashing (ASP.NET Core Identity's
    /// <see cref="PasswordHasher{TUser}"/>: PBKDF2-HMAC-SHA512, 100,000 iterations, 128-bit salt), and JWT bearer
    /// tokens signed with HMAC-SHA256. The key is <c>User:Jwt:SigningKey</c> (at least 32 bytes); when it is not set a
    /// random key is generated at start, so tokens don't survive a restart.</summary>
    public static WebApplicationBuilder AddUserService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration config = builder.Configuration;
        string connectionString = config["User:ConnectionString"] ?? ServiceEndpoints.SqliteConnectionString(config, "users.db");

        byte[] key = config["User:Jwt:SigningKey"] is { Length: > 0 } configured ? Encoding.UTF8.GetBytes(configured) : RandomNumberGenerator.GetBytes(32);
        if (key.Length < 32)
        {
            throw new InvalidOperationException("User:Jwt:SigningKey must be at least 32 bytes.");
        }

        JwtSettings jwt = new(
            config["User:Jwt:Issuer"] ?? "tx-reference-user",
            config["User:Jwt:Audience"] ?? "tx-reference",
            config.GetValue("User:Jwt:Lifetime", TimeSpan.FromHours(1)),
            new SymmetricSecurityKey(key));

        builder.Services.AddSingleton(jwt);
        builder.Services.AddSingleton<IPasswordHasher<StoredUser>, PasswordHasher<StoredUser>>();
        builder.Services.AddSingleton(sp => new UserStore(connectionString));
        builder.Services.AddSingleton<JwtTokenIssuer>();
        builder.Services.AddSingleton<UserAccounts>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = jwt.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "unique_name",
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}
