using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl audit keygen NAME --out PREFIX [--witness]</c>: a new signing key for the audit log
/// (Ed25519, signature type 0x01) or for a witness (cosignature/v1, type 0x04), as PREFIX.key (the
/// <c>PRIVATE+KEY+…</c> line, owner-only) and PREFIX.vkey (the C2SP vkey line to publish).
/// </summary>
internal static class AuditKeygenCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("NAME")
        {
            Description = "The key's name, e.g. audit.hub.example.gov.cn: not empty, no spaces or plus signs. The log's origins are NAME/<log id>.",
        };
        var prefix = new Option<string>("--out") { Description = "Writes PREFIX.key (the private key, mode 0600) and PREFIX.vkey (the verifier key); never overwrites.", Required = true, HelpName = "PREFIX" };
        var witness = new Option<bool>("--witness") { Description = "A witness's cosignature key (type 0x04) instead of a log key (Ed25519, type 0x01)." };
        var command = new Command("keygen", "Makes a signing key for the audit log (or a witness's, with --witness) and prints its vkey.") { name, prefix, witness };
        context.Handle(command, (run, _) =>
        {
            var keyName = run.Value(name)!;
            if (!NoteText.IsValidName(keyName))
            {
                throw new CliUsageException(
                    $"'{keyName}' cannot name a key: a key name is not empty and holds no space, plus sign or control character (c2sp.org/signed-note).");
            }

            var (keyFile, vkeyFile) = (run.Value(prefix) + ".key", run.Value(prefix) + ".vkey");
            NewFile.EnsureAbsent(keyFile, vkeyFile);
            Ed25519SignerBase signer = run.Value(witness)
                ? new CosignatureSigner(keyName, Ed25519Key.Generate(), TimeProvider.System)
                : new Ed25519NoteSigner(keyName, Ed25519Key.Generate());
            NewFile.Write(keyFile, signer.ToKeyText() + "\n", ownerOnly: true);
            NewFile.Write(vkeyFile, signer.VerifierKey + "\n");
            if (run.Output.IsJson)
            {
                run.Output.Json(json =>
                {
                    json.WriteString("name", signer.Name);
                    json.WriteString("keyId", NoteText.Hex(signer.KeyId));
                    json.WriteString("type", run.Value(witness) ? "cosignature" : "ed25519");
                    json.WriteString("vkey", signer.VerifierKey);
                    json.WriteString("keyFile", keyFile);
                    json.WriteString("vkeyFile", vkeyFile);
                });
            }
            else
            {
                run.Output.Stdout.WriteLine(signer.VerifierKey);
                run.Output.Stderr.WriteLine($"wrote {keyFile} (the private key: keep it secret and backed up) and {vkeyFile} (publish it)");
            }

            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }
}
