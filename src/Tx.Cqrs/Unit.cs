namespace Tx.Cqrs;

/// <summary>
/// The result of a command that returns nothing: declare it as <c>ICommand&lt;Unit&gt;</c> and return
/// <see cref="Value"/>.
/// </summary>
public readonly struct Unit : IEquatable<Unit>
{
    /// <summary>Gets the only value of <see cref="Unit"/>.</summary>
    public static Unit Value => default;

    /// <summary>Gets a completed <see cref="ValueTask{TResult}"/> holding <see cref="Value"/>.</summary>
    public static ValueTask<Unit> Task => default;

    /// <summary>Always <see langword="true"/>: every <see cref="Unit"/> equals every other.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/>.</returns>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>Always <see langword="false"/>: every <see cref="Unit"/> equals every other.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="false"/>.</returns>
    public static bool operator !=(Unit left, Unit right) => false;

    /// <inheritdoc/>
    public bool Equals(Unit other) => true;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc/>
    public override int GetHashCode() => 0;

    /// <inheritdoc/>
    public override string ToString() => "()";
}
