using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// Usage:
//   circuits --base http://127.0.0.1:5000 --pid <app pid> --counts 1,50,100,200 [--login tz-baogou] [--path /transfers]
//   interactive --base http://127.0.0.1:5000 [--login tz-baogou] [--path /] [--runs 5]
var options = Args.Parse(args);
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--renderer-process-limit=8"],
});
var baseUrl = options.Get("base", "http://127.0.0.1:5000");
var login = options.Get("login", "tz-baogou");
var state = await SignInAsync(browser, baseUrl, login, options.Get("password", "demo2024pass"));

switch (args.FirstOrDefault())
{
    case "circuits":
        await CircuitsAsync(browser, baseUrl, state, int.Parse(options.Get("pid", "0"), CultureInfo.InvariantCulture),
            options.Get("counts", "1,50,100,200").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(), options.Get("path", "/transfers"));
        break;
    case "interactive":
        await InteractiveAsync(browser, baseUrl, state, options.Get("path", "/"), int.Parse(options.Get("runs", "5"), CultureInfo.InvariantCulture));
        break;
    default:
        Console.Error.WriteLine("circuits | interactive (see Program.cs)");
        return 2;
}
return 0;

static async Task<string> SignInAsync(IBrowser browser, string baseUrl, string login, string password)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
    var page = await context.NewPageAsync();
    await page.GotoAsync("/account/sign-in");
    await page.FillAsync("#login", login);
    await page.FillAsync("#password", password);
    await page.ClickAsync("button[type=submit]");
    await page.WaitForSelectorAsync("[data-testid=home-title]");
    return await context.StorageStateAsync();
}

// Opens circuits in steps (each a browser context with the signed-in cookie, one page each, waited until interactive),
// and after each step waits for the server to settle and reads its resident memory.
static async Task CircuitsAsync(IBrowser browser, string baseUrl, string state, int pid, int[] counts, string path)
{
    var open = new List<IBrowserContext>();
    var baseline = await SettledRssAsync(pid);
    Console.WriteLine($"no circuits: RSS {baseline / 1048576.0:F0} MB");
    foreach (var target in counts)
    {
        var started = Stopwatch.StartNew();
        while (open.Count < target)
        {
            var batch = Enumerable.Range(0, Math.Min(10, target - open.Count)).Select(async _ =>
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, StorageState = state });
                var page = await context.NewPageAsync();
                await page.GotoAsync(path);
                await page.WaitForSelectorAsync("html[data-interactive='1']", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
                return context;
            });
            open.AddRange(await Task.WhenAll(batch));
        }
        var rss = await SettledRssAsync(pid);
        Console.WriteLine(FormattableString.Invariant(
            $"{target,4} circuits: RSS {rss / 1048576.0:F0} MB, {(rss - baseline) / 1024.0 / target:F0} KB per circuit above none (opened in {started.Elapsed.TotalSeconds:F0} s)"));
    }
    foreach (var context in open)
    {
        await context.DisposeAsync();
    }
}

static async Task<long> SettledRssAsync(int pid)
{
    await Task.Delay(TimeSpan.FromSeconds(15));
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

// A township office PC: 4× slower CPU than this machine's core, 10 Mbit/s down, 2 Mbit/s up, 40 ms round trip.
// Cold: a new browser profile (nothing cached). Warm: the same page again in that profile.
static async Task InteractiveAsync(IBrowser browser, string baseUrl, string state, string path, int runs)
{
    foreach (var cold in new[] { true, false })
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, StorageState = state });
            var page = await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false, ["latency"] = 40, ["downloadThroughput"] = 10_000_000 / 8, ["uploadThroughput"] = 2_000_000 / 8,
            });
            await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
            if (!cold)
            {
                await page.GotoAsync(path);
                await page.WaitForSelectorAsync("html[data-interactive='1']", new() { State = WaitForSelectorState.Attached });
            }
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync("html[data-interactive='1']", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            times.Add(await page.EvaluateAsync<double>("() => window.enrollmentInteractiveAt"));
        }
        times.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"{path} {(cold ? "cold" : "warm")}: median {times[times.Count / 2]:F0} ms, min {times[0]:F0}, max {times[^1]:F0} ({runs} runs)"));
    }
}

internal sealed class Args(Dictionary<string, string> values)
{
    public string Get(string name, string fallback) => values.TryGetValue(name, out var value) ? value : fallback;

    public static Args Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }
        return new Args(values);
    }
}
