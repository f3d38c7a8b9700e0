using System.Net;
using System.Net.Sockets;

namespace Enrollment.Testing;

/// <summary>
/// A loopback TCP forwarder to the test PostgreSQL that can be "down": while down it refuses new connections and cuts
/// the open ones, as a database restart does. Lets tests prove what the app does when the database goes away and
/// comes back, without stopping the server other tests share.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> open = [];
    private readonly int targetPort;
    private volatile bool down;

    public TcpForwarder(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Refuse new connections and cut the open ones (true), or forward again (false).</summary>
    public bool Down
    {
        get => down;
        set
        {
            down = value;
            if (value)
            {
                lock (open)
                {
                    foreach (var client in open)
                    {
                        client.Dispose();
                    }
                    open.Clear();
                }
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (down)
            {
                client.Dispose();
                continue;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, targetPort, stop.Token);
            lock (open)
            {
                open.Add(client);
                open.Add(server);
            }
            var a = client.GetStream().CopyToAsync(server.GetStream(), stop.Token);
            var b = server.GetStream().CopyToAsync(client.GetStream(), stop.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut connection is the point.
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Down = true;
        stop.Dispose();
    }
}
