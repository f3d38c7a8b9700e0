namespace Enrollment.Domain.Residents;

/// <summary>性别, from the parity of the ID number's sequence (odd = male).</summary>
public enum Sex : byte
{
    Female = 0,
    Male = 1,
}
