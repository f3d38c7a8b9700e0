using System.Text;
using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Residents;

public class CitizenIdTests
{
    [Theory]
    [InlineData("370481198204092016", "1982-04-09", Sex.Male, 370481, '6')]
    [InlineData("45072219790909219X", "1979-09-09", Sex.Male, 450722, 'X')]
    [InlineData("450722197909092210", "1979-09-09", Sex.Male, 450722, '0')]
    [InlineData("11010519491231002X", "1949-12-31", Sex.Female, 110105, 'X')]
    public void Parses_a_valid_number_with_birth_date_sex_and_region(string text, string birth, Sex sex, int region, char check)
    {
        CitizenId.TryParse(text, out var id, out var error).ShouldBeTrue(error.ToEnglish());
        id.BirthDate.ShouldBe(D(birth));
        id.Sex.ShouldBe(sex);
        id.RegionCode.ShouldBe(region);
        id.CheckCharacter.ShouldBe(check);
        id.ToString().ShouldBe(text);
    }

    [Fact]
    public void Accepts_lower_case_x_and_stores_it_upper_case()
    {
        CitizenId.TryParse("45072219790909219x", out var id, out _).ShouldBeTrue();
        id.ToString().ShouldBe("45072219790909219X");
        id.ShouldBe(CitizenId.Parse("45072219790909219X"));
    }

    [Fact]
    public void Upgrades_a_15_digit_legacy_number_by_inserting_19_and_computing_the_check_character()
    {
        // 110105 490101 002 → 110105 19490101 002 + check.
        var expected = "11010519490101002" + CitizenId.ComputeCheckCharacter("11010519490101002");
        CitizenId.TryParse("110105490101002", out var id, out var error).ShouldBeTrue(error.ToEnglish());
        id.ToString().ShouldBe(expected);
        id.BirthDate.ShouldBe(D("1949-01-01"));
        id.Sex.ShouldBe(Sex.Female);
    }

    [Fact]
    public void Rejects_full_width_digits_naming_the_position()
    {
        CitizenId.TryParse("37048119820409201６", out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.IdFullWidthDigit);
        error.Number.ShouldBe(18);
        error.Char1.ShouldBe('６');
        error.ToChinese().ShouldBe("身份证号码第18位是全角数字“６”，请改用半角（ASCII）数字");
        error.ToEnglish().ShouldContain("full-width digit '６' (U+FF16) at position 18");
    }

    [Fact]
    public void Rejects_full_width_digits_from_utf8_input_too()
    {
        CitizenId.TryParse(Encoding.UTF8.GetBytes("３70481198204092016"), out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.IdFullWidthDigit);
        error.Number.ShouldBe(1);
    }

    [Theory]
    [InlineData("", DomainErrorCode.IdEmpty, 0)]
    [InlineData("3704811982040920", DomainErrorCode.IdLength, 16)]
    [InlineData("3704811982040920161", DomainErrorCode.IdLength, 19)]
    [InlineData("37048119820409201", DomainErrorCode.IdLength, 17)]
    [InlineData("3704811982O4092016", DomainErrorCode.IdInvalidCharacter, 11)]
    [InlineData("370481198204092X16", DomainErrorCode.IdInvalidCharacter, 16)]
    [InlineData("37048119820409201 ", DomainErrorCode.IdInvalidCharacter, 18)]
    [InlineData("11010549010100X", DomainErrorCode.IdInvalidCharacter, 15)]
    public void Rejects_bad_length_and_characters_precisely(string text, DomainErrorCode code, int number)
    {
        CitizenId.TryParse(text, out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(code);
        error.Number.ShouldBe(number);
    }

    [Theory]
    [InlineData("19990229", 1999, 229)]
    [InlineData("20230230", 2023, 230)]
    [InlineData("19821301", 1982, 1301)]
    [InlineData("19820400", 1982, 400)]
    [InlineData("19820431", 1982, 431)]
    [InlineData("18991231", 1899, 1231)]
    public void Rejects_impossible_birth_dates(string yyyymmdd, int year, int monthDay)
    {
        var first17 = "370481" + yyyymmdd + "201";
        CitizenId.TryParse(first17 + CitizenId.ComputeCheckCharacter(first17), out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.IdImpossibleBirthDate);
        error.Number.ShouldBe(year);
        error.Number2.ShouldBe(monthDay);
        error.ToChinese().ShouldContain($"{yyyymmdd[..4]}-{yyyymmdd[4..6]}-{yyyymmdd[6..]} 不存在");
    }

    [Theory]
    [InlineData("2000-02-29")]
    [InlineData("2024-02-29")]
    [InlineData("1900-01-01")]
    public void Accepts_leap_days_and_the_earliest_year(string birth)
    {
        CitizenId.TryParse(IdText(D(birth)), out var id, out _).ShouldBeTrue();
        id.BirthDate.ShouldBe(D(birth));
    }

    [Fact]
    public void Rejects_a_wrong_check_character_saying_expected_and_found()
    {
        CitizenId.TryParse("370481198305063071", out _, out var error).ShouldBeFalse();
        error.Code.ShouldBe(DomainErrorCode.IdCheckCharacterMismatch);
        error.Char1.ShouldBe('0');
        error.Char2.ShouldBe('1');
        error.ToEnglish().ShouldBe("citizen ID number check character is wrong: expected '0', found '1'");
        error.ToChinese().ShouldBe("身份证号码校验码错误：按前17位应为“0”，实际为“1”");
    }

    [Fact]
    public void Check_character_follows_iso_7064_mod_11_2_for_every_remainder()
    {
        // Vary the sequence until every one of the 11 check characters has been produced and verified.
        var seen = new HashSet<char>();
        for (var seq = 0; seq < 1000 && seen.Count < 11; seq++)
        {
            var first17 = $"37048119820409{seq:D3}";
            int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            var sum = first17.Select((c, i) => (c - '0') * w[i]).Sum();
            var expected = "10X98765432"[sum % 11];
            CitizenId.ComputeCheckCharacter(first17).ShouldBe(expected);
            CitizenId.TryParse(first17 + expected, out _, out _).ShouldBeTrue();
            seen.Add(expected);
        }

        seen.Count.ShouldBe(11);
    }

    [Fact]
    public void Utf8_and_char_parsing_agree_and_format_back()
    {
        CitizenId.TryParse("370481195007012036"u8, out var id, out _).ShouldBeTrue();
        Span<byte> buffer = stackalloc byte[18];
        id.TryFormat(buffer, out var written).ShouldBeTrue();
        Encoding.ASCII.GetString(buffer[..written]).ShouldBe("370481195007012036");
    }

    [Fact]
    public void Registration_rejects_a_birth_date_after_the_injected_today()
    {
        var id = Id("2025-03-02");
        ResidentChecks.CheckBornBy(id, D("2025-03-02")).IsError.ShouldBeFalse();
        var error = ResidentChecks.CheckBornBy(id, D("2025-03-01"));
        error.Code.ShouldBe(DomainErrorCode.BirthInFuture);
        error.ToChinese().ShouldBe("出生日期 2025-03-02 晚于今天 2025-03-01");
    }
}
