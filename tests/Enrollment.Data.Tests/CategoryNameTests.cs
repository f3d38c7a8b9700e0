using Enrollment.Data.Tenancy;
using Enrollment.Domain.Rules;
using Enrollment.Testing;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>A category has one Chinese name: the reference table says what the rules engine says.</summary>
public sealed class CategoryNameTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_certified_category_has_the_rules_engines_name_and_department()
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), new TenantContext());
        var table = await db.CategoryCodes.AsNoTracking().ToDictionaryAsync(c => c.Code);

        var certified = BasisCodes.All.Where(b => !b.IsAgeBand()).ToList();
        table.Keys.Order().ShouldBe(certified.Select(b => b.ToCode()).Order());
        foreach (var basis in certified)
        {
            var row = table[basis.ToCode()];
            (row.Name, row.Department).ShouldBe((basis.ChineseName(), basis.DefaultDepartment()), basis.ToCode());
        }
    }
}
