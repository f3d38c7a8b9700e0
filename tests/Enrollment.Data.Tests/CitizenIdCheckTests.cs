using Enrollment.Domain.Errors;
using Enrollment.Domain.Residents;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Data.Tests;

/// <summary>
/// Migration 0008 rewrote citizen_id_is_valid as one inlinable expression for bulk-load speed; it must accept and
/// refuse exactly what 0004's version did, and agree with the domain's parser on well-formed numbers.
/// </summary>
public sealed class CitizenIdCheckTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // 0004's body, verbatim: the reference the rewrite is compared with.
    private const string Original = """
        CREATE FUNCTION pg_temp.original_citizen_id_is_valid(id text) RETURNS boolean
            LANGUAGE sql IMMUTABLE STRICT AS $$
            SELECT CASE WHEN id ~ '^[0-9]{17}[0-9X]$' THEN
                substr('10X98765432',
                       (SELECT sum(substr(id, i::integer, 1)::integer * w)::integer
                        FROM unnest(ARRAY[7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]) WITH ORDINALITY AS t(w, i)) % 11 + 1,
                       1) = substr(id, 18, 1)
            ELSE false END
            $$
        """;

    [Fact]
    public async Task The_inlined_check_decides_like_the_original_and_the_domain()
    {
        var random = new Random(8);
        var inputs = new List<string> { "", "X", "11010519491231002X", "11010519491231002x", "110105194912310021", "１１０１０５１９４９１２３１００２X" };
        for (var i = 0; i < 5_000; i++)
        {
            var first17 = string.Concat(Enumerable.Range(0, 17).Select(_ => (char)('0' + random.Next(10))));
            var valid = first17 + CitizenId.ComputeCheckCharacter(first17);
            inputs.Add(valid);
            inputs.Add(first17 + "0123456789X"[random.Next(11)]);
            inputs.Add(valid[..^1]);
            inputs.Add(valid + "0");
            inputs.Add(valid.Remove(random.Next(18), 1).Insert(random.Next(17), "ABX x-"[random.Next(6)].ToString()));
        }

        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await using (var create = new NpgsqlCommand(Original, db))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var compare = new NpgsqlCommand("""
            SELECT id, citizen_id_is_valid(id), pg_temp.original_citizen_id_is_valid(id) FROM unnest($1::text[]) AS t(id)
            """, db);
        compare.Parameters.Add(new NpgsqlParameter { Value = inputs.ToArray() });
        var accepted = 0;
        await using (var reader = await compare.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (id, now, before) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
                now.ShouldBe(before, id);
                // Where the domain decides on the checksum it agrees (it refuses impossible birth dates before looking at
                // the checksum; the DB leaves dates to the sex/birth-date CHECK). Lower-case x is the app's to normalise.
                if (!id.Contains('x', StringComparison.Ordinal))
                {
                    if (CitizenId.TryParse(id, out var parsed, out var error))
                    {
                        now.ShouldBe(parsed.ToString() == id, id);
                    }
                    else if (error.Code is DomainErrorCode.IdCheckCharacterMismatch or DomainErrorCode.IdInvalidCharacter or DomainErrorCode.IdFullWidthDigit)
                    {
                        now.ShouldBeFalse(id);
                    }
                }

                accepted += now ? 1 : 0;
            }
        }

        accepted.ShouldBeGreaterThan(5_000);
        await using var nullCheck = new NpgsqlCommand("SELECT citizen_id_is_valid(NULL) IS NULL", db);
        (await nullCheck.ExecuteScalarAsync()).ShouldBe(true);
    }
}
