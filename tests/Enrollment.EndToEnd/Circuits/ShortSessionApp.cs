using Enrollment.Testing.Web;

namespace Enrollment.EndToEnd.Circuits;

/// <summary>
/// The demo served on a real socket with the session's clocks shortened — revalidation every 2 s, idle after 8 s,
/// input reported every second — so a test sees in seconds what takes minutes in production.
/// </summary>
public sealed class ShortSessionApp : DemoApp
{
    public Uri BaseAddress { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Enrollment:BusinessDate"] = "2024-11-20",
        ["Enrollment:Session:RevalidationInterval"] = "00:00:02",
        ["Enrollment:Session:IdleTimeout"] = "00:00:08",
        ["Enrollment:Session:ActivityReportInterval"] = "00:00:01",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        BaseAddress = Kestrel.Start(this);
    }
}
