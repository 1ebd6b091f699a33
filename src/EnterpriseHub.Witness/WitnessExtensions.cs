using System.Text;
using EnterpriseHub.Transparency.Notes;
using Microsoft.Extensions.Options;

namespace EnterpriseHub.Witness;

/// <summary>Sets up the witness and maps its one endpoint.</summary>
public static class WitnessExtensions
{
    /// <summary>The largest request body read: a checkpoint with many cosignatures and 63 proof lines.</summary>
    private const int MaxBody = Note.MaxSize + 8 * 1024;

    /// <summary>Binds and validates the <c>Witness</c> section, and registers the key, the store and the rules.</summary>
    public static WebApplicationBuilder AddWitness(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WitnessOptions>().BindConfiguration("Witness").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WitnessOptions>, WitnessOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(s => CosignatureSigner.FromKeyText(
            File.ReadAllText(s.GetRequiredService<IOptions<WitnessOptions>>().Value.KeyFile).Trim(), s.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(s => new WitnessStore(s.GetRequiredService<IOptions<WitnessOptions>>().Value.Database));
        builder.Services.AddSingleton<CheckpointWitness>();
        return builder;
    }

    /// <summary>Maps <c>POST /add-checkpoint</c>.</summary>
    public static WebApplication MapWitness(this WebApplication app)
    {
        app.MapPost("/add-checkpoint", async (HttpRequest request, CheckpointWitness witness) =>
        {
            var reply = await ReadBody(request) is { } body
                ? witness.Add(body)
                : new WitnessReply(StatusCodes.Status400BadRequest, "the body is too large or not UTF-8\n");
            return Results.Text(reply.Body, reply.ContentType, Encoding.UTF8, reply.Status);
        });
        return app;
    }

    private static async Task<string?> ReadBody(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return NoteText.StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
