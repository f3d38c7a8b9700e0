namespace Enrollment.Domain.Errors;

/// <summary>
/// A rejection as a code plus arguments, so it costs nothing until rendered; <see cref="ToChinese"/> is for
/// people, <see cref="ToEnglish"/> for logs and the CLI. Which arguments are used depends on the code.
/// </summary>
public readonly record struct DomainError
{
    public DomainErrorCode Code { get; init; }

    /// <summary>First number: a position (1-based), a length, a year or a gap.</summary>
    public int Number { get; init; }

    /// <summary>Second number: month * 100 + day of an impossible date.</summary>
    public int Number2 { get; init; }

    public char Char1 { get; init; }

    public char Char2 { get; init; }

    public DateOnly Date1 { get; init; }

    public DateOnly Date2 { get; init; }

    /// <summary>Offending text (only on input errors, never on the quote hot path).</summary>
    public string? Text { get; init; }

    public bool IsError => Code != DomainErrorCode.None;

    public static DomainError Of(DomainErrorCode code) => new() { Code = code };

    public string ToChinese() => DomainErrorText.Chinese(this);

    public string ToEnglish() => DomainErrorText.English(this);

    public override string ToString() => ToEnglish();
}
