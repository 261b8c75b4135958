using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using ReferenceServices.Contracts.Users;
using UserService.Application;
using UserService.Infrastructure;

namespace UserService.Apis;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/users");
        api.MapPost("/register", RegisterAsync);
        api.MapPost("/login", LogInAsync);
        api.MapGet("/profile", ProfileAsync).RequireAuthorization();
        return api;
    }

    private static async Task<Results<Created<UserDto>, ProblemHttpResult>> RegisterAsync(RegisterUserRequest request, UserAccounts users)
    {
        try
        {
            UserDto user = await users.RegisterAsync(request);
            return TypedResults.Created("/users/profile", user);
        }
        catch (DuplicateUserException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Already registered",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ex.Field] = [ex.Message] } });
        }
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> LogInAsync(LoginRequest request, UserAccounts users, JwtTokenIssuer tokens) =>
        await users.LogInAsync(request) is { } user
            ? TypedResults.Ok(tokens.Issue(user))
            : TypedResults.Problem("Invalid username or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");

    private static async Task<Results<Ok<UserDto>, NotFound>> ProfileAsync(ClaimsPrincipal principal, UserStore store) =>
        principal.FindFirstValue(JwtRegisteredClaimNames.Sub) is { } id && await store.FindByIdAsync(id) is { } user
            ? TypedResults.Ok(user.ToDto())
            : TypedResults.NotFound();
}
