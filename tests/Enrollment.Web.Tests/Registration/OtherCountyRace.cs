using Enrollment.Data.Registry;
using Enrollment.Testing;
using Enrollment.Testing.Web;

namespace Enrollment.Web.Tests.Registration;

/// <summary>
/// Another county registering the same number between the check and the save: a trigger on the registry enters 浦北's
/// active entry for this one number just before the saving county's own, which is what the database sees when 浦北's
/// save commits first. The registry's unique index then refuses the save; the whole save rolls back, 浦北's entry too.
/// </summary>
internal sealed class OtherCountyRace : IAsyncDisposable
{
    private readonly DemoApp app;
    private readonly string name;

    private OtherCountyRace(DemoApp app, string name)
    {
        this.app = app;
        this.name = name;
    }

    public static async Task<OtherCountyRace> ArmAsync(DemoApp app, string citizenId)
    {
        var hash = Convert.ToHexString(CitizenIdHasher.FromBase64(TestKeys.IdHashKey).Hash(citizenId));
        var name = "test_other_county_race_" + citizenId.ToLowerInvariant();
        await app.ScalarAsync<object>($$"""
            CREATE FUNCTION {{name}}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
            BEGIN
                IF NEW.id_hash = '\x{{hash}}'::bytea AND NEW.tenant_id <> (SELECT id FROM tenants WHERE code = 'pubei') THEN
                    INSERT INTO id_hash_registry (id_hash, tenant_id) SELECT NEW.id_hash, id FROM tenants WHERE code = 'pubei';
                END IF;
                RETURN NEW;
            END $f$
            """);
        await app.ScalarAsync<object>($"CREATE TRIGGER {name} BEFORE INSERT ON id_hash_registry FOR EACH ROW EXECUTE FUNCTION {name}()");
        return new OtherCountyRace(app, name);
    }

    public async ValueTask DisposeAsync()
    {
        await app.ScalarAsync<object>($"DROP TRIGGER {name} ON id_hash_registry");
        await app.ScalarAsync<object>($"DROP FUNCTION {name}()");
    }
}
