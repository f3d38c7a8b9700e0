using System.Collections;
using System.Resources;
using Enrollment.Web.Components.Mud;

namespace Enrollment.Web.Tests.Shell;

/// <summary>MudBlazor's own strings are all Chinese: an upgrade that adds an English string fails here.</summary>
public sealed class MudStringsTests
{
    [Fact]
    public void Every_string_of_the_library_has_a_Chinese_translation()
    {
        var library = typeof(MudBlazor.MudButton).Assembly;
        var keys = new List<string>();
        foreach (var name in library.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)))
        {
            using var stream = library.GetManifestResourceStream(name)!;
            using var reader = new ResourceReader(stream);
            keys.AddRange(reader.Cast<DictionaryEntry>().Select(e => (string)e.Key));
        }

        keys.Count.ShouldBeGreaterThan(100);
        keys.Except(ChineseMudLocalizer.Strings.Keys).ShouldBeEmpty();
        ChineseMudLocalizer.Strings.Values.ShouldAllBe(v => v.Any(c => c >= '\u4e00' && c <= '\u9fff') || v.All(c => !char.IsLetter(c)));
    }

    [Fact]
    public void The_pager_says_rows_per_page_and_the_total_in_Chinese()
    {
        var localizer = new ChineseMudLocalizer();

        localizer["MudDataGridPager_RowsPerPage"].Value.ShouldBe("每页行数：");
        localizer["MudDataGridPager_InfoFormat", 1, 10, 25].Value.ShouldBe("第 1–10 条，共 25 条");
        localizer["NoSuchKey"].ResourceNotFound.ShouldBeTrue();
    }
}
