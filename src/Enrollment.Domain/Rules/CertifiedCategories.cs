using System.Runtime.CompilerServices;
using Enrollment.Domain.Errors;

namespace Enrollment.Domain.Rules;

/// <summary>
/// The categories a resident is certified in (认定类别), each optionally with the date it was first certified.
/// A bit mask plus an inline date table: a value type that never allocates.
/// </summary>
public struct CertifiedCategories
{
    private uint _mask;
    private uint _dated;
    private DateTable _firstCertified;

    /// <summary>Bit <c>1 &lt;&lt; (int)code</c> for every certified code.</summary>
    public readonly uint Mask => _mask;

    public readonly bool IsEmpty => _mask == 0;

    public readonly bool Contains(BasisCode code) => (_mask & (1u << (int)code)) != 0;

    /// <summary>The first-certified date, when the certification carries one.</summary>
    public readonly bool TryGetFirstCertified(BasisCode code, out DateOnly date)
    {
        date = _firstCertified[(int)code];
        return (_dated & (1u << (int)code)) != 0;
    }

    /// <summary>
    /// Adds a certification. Age bands are refused (they are derived). A repeated code keeps the earliest date,
    /// since "first certified" is the earliest certification.
    /// </summary>
    public bool TryAdd(BasisCode code, DateOnly? firstCertified, out DomainError error)
    {
        error = default;
        if (code == BasisCode.None || code.IsAgeBand())
        {
            error = new DomainError { Code = DomainErrorCode.CategoryDerivedFromAge, Text = code.ToCode() };
            if (code == BasisCode.None)
            {
                error = error with { Code = DomainErrorCode.CategoryUnknown };
            }

            return false;
        }

        var bit = 1u << (int)code;
        _mask |= bit;
        if (firstCertified is { } date)
        {
            if ((_dated & bit) == 0 || date < _firstCertified[(int)code])
            {
                _firstCertified[(int)code] = date;
            }

            _dated |= bit;
        }

        return true;
    }

    /// <summary>Adds or throws; convenient for hand-built test inputs.</summary>
    public CertifiedCategories With(BasisCode code, DateOnly? firstCertified = null)
    {
        if (!TryAdd(code, firstCertified, out var error))
        {
            throw new ArgumentException(error.ToEnglish(), nameof(code));
        }

        return this;
    }

    public static CertifiedCategories Of(params BasisCode[] codes)
    {
        var set = default(CertifiedCategories);
        foreach (var code in codes)
        {
            set = set.With(code);
        }

        return set;
    }

    [InlineArray(BasisCodes.TableSize)]
    private struct DateTable
    {
        private DateOnly _element;
    }
}
