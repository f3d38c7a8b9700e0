namespace Enrollment.Data.Registry;

/// <summary>
/// 不得重复参保: the save would give a person a second active registration, because another tenant holds theirs
/// (the registry's unique index over active entries refused it, so this also holds between concurrent saves).
/// Nothing of the save was stored.
/// </summary>
public sealed class DuplicateRegistrationException : Exception
{
    /// <summary>The unique index that enforces one active registration per person.</summary>
    public const string ConstraintName = "id_hash_registry_one_active";

    /// <summary>What the clerk reads, wherever the refusal is detected.</summary>
    public const string Refusal = "该身份证号码已在其他县（市）参保登记，不得重复参保。";

    public DuplicateRegistrationException()
        : base(Refusal)
    {
    }

    public DuplicateRegistrationException(string message)
        : base(message)
    {
    }

    public DuplicateRegistrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
