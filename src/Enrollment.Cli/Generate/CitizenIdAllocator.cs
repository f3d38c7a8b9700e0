using System.Globalization;
using Enrollment.Domain.Residents;

namespace Enrollment.Cli.Generate;

/// <summary>
/// Issues citizen ID numbers (docs/rules.md §2) unique within one generated county: the county's region code,
/// the birth date, a sequence whose parity is the sex, and the computed check character. Each birth date
/// has 499 sequences per sex; a date that runs out moves the birth one day earlier.
/// </summary>
internal sealed class CitizenIdAllocator
{
    private const int SequencesPerSex = 499;
    private static readonly DateOnly Epoch = new(1900, 1, 1);

    private readonly string _regionCode;
    private readonly short[] _issued;

    public CitizenIdAllocator(string regionCode)
    {
        if (regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"region code must be 6 digits: '{regionCode}'", nameof(regionCode));
        }

        _regionCode = regionCode;
        _issued = new short[2 * (DateOnly.FromDateTime(DateTime.Today).DayNumber - Epoch.DayNumber + 800)];
    }

    public CitizenId Issue(DateOnly birthDate, Sex sex)
    {
        var day = birthDate.DayNumber - Epoch.DayNumber;
        while (_issued[(2 * day) + (int)sex] >= SequencesPerSex)
        {
            day--;
        }

        var slot = (2 * day) + (int)sex;
        var k = _issued[slot]++;

        // Start each day at a scattered offset so numbers do not all begin at 001.
        var offset = (int)((uint)(day * 2654435761u) % SequencesPerSex);
        var sequence = (2 * ((offset + k) % SequencesPerSex)) + (sex == Sex.Male ? 1 : 2);
        var birth = Epoch.AddDays(day);
        Span<char> digits = stackalloc char[18];
        _regionCode.AsSpan().CopyTo(digits);
        birth.TryFormat(digits[6..], out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        sequence.TryFormat(digits[14..], out _, "D3", CultureInfo.InvariantCulture);
        digits[17] = CitizenId.ComputeCheckCharacter(digits[..17]);
        return CitizenId.TryParse(digits, out var id, out var error)
            ? id
            : throw new InvalidOperationException($"generated an invalid ID {digits.ToString()}: {error.ToEnglish()}");
    }
}
