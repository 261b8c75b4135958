namespace Tx.MultiWrite.Writing;

/// <summary>Thrown when a record is rejected before its intent is written (nothing is written anywhere).</summary>
public sealed class RecordValidationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RecordValidationException"/> class.</summary>
    public RecordValidationException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecordValidationException"/> class.</summary>
    /// <param name="message">The message.</param>
    public RecordValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RecordValidationException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RecordValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
