using Enrollment.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddEnrollmentData();
builder.AddEnrollmentWeb();

var app = builder.Build();

app.UseEnrollmentWeb();
app.MapEnrollmentEndpoints();

app.Run();

/// <summary>Entry point; public so WebApplicationFactory can reach it in tests.</summary>
public partial class Program;
