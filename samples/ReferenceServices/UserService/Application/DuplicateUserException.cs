namespace UserService.Application;

/// <summary>The username or email is taken; <see cref="Field"/> names which.</summary>
public sealed class DuplicateUserException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
