using System.CommandLine;
using EnterpriseHub.Cli.Cli;
using Spectre.Console;

namespace EnterpriseHub.Cli.Commands;

/// <summary>
/// <c>hubctl profile add|list|use|remove</c>: named connections in the profile file. A profile
/// holds paths to the certificate files, never the key material itself.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(CliContext context) =>
        new("profile", "Named connections (hub, certificate files, default purpose and officer) kept in the profile file.")
        {
            AddCommand(context), ListCommand(context), UseCommand(context), RemoveCommand(context),
        };

    private static Argument<string> Name() => new("NAME") { Description = "The profile's name." };

    private static Command AddCommand(CliContext context)
    {
        var name = Name();
        var folder = new Option<string>("--from-folder") { Description = "A folder holding ca.crt, DEPARTMENT.crt and DEPARTMENT.key (e.g. certs/dev).", Required = true };
        var department = new Option<string>("--department") { Description = "The department whose certificate to use (e.g. tax).", Required = true };
        var command = new Command("add", "Adds (or replaces) a profile; --hub, --purpose and --officer set its address and read defaults. The first profile becomes the default.")
        {
            name, folder, department,
        };
        context.Handle(command, (run, _) =>
        {
            var root = Path.GetFullPath(run.Value(folder)!);
            var code = run.Value(department)!;
            var profile = new HubProfile
            {
                Hub = run.Value(context.Options.Hub) ?? "https://127.0.0.1:7443",
                Ca = Path.Combine(root, "ca.crt"),
                Cert = Path.Combine(root, $"{code}.crt"),
                Key = Path.Combine(root, $"{code}.key"),
                Department = code,
                Purpose = run.Value(context.Options.Purpose),
                Officer = run.Value(context.Options.Officer),
            };
            var missing = new[] { profile.Ca, profile.Cert, profile.Key }.Where(path => !File.Exists(path)).ToList();
            if (missing.Count > 0)
            {
                throw new CliUsageException($"Not found: {string.Join(", ", missing)}.");
            }

            var store = ProfileStore.From(context.Environment);
            var file = store.Read();
            file.Profiles[run.Value(name)!] = profile;
            store.Write(file with { Default = file.Default ?? run.Value(name) });
            run.Output.Say($"profile '{run.Value(name)}' written to {store.Path}");
            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var command = new Command("list", "Lists the profiles; * marks the default.");
        context.Handle(command, (run, _) =>
        {
            var file = ProfileStore.From(context.Environment).Read();
            if (run.Output.IsJson)
            {
                foreach (var (name, profile) in file.Profiles)
                {
                    run.Output.Json(json =>
                    {
                        json.WriteString("name", name);
                        json.WriteBoolean("default", name == file.Default);
                        json.WriteString("hub", profile.Hub);
                        json.WriteString("department", profile.Department);
                        json.WriteString("ca", profile.Ca);
                        json.WriteString("cert", profile.Cert);
                        json.WriteString("key", profile.Key);
                        json.WriteString("purpose", profile.Purpose);
                        json.WriteString("officer", profile.Officer);
                    });
                }

                return Task.FromResult(ExitCodes.Done);
            }

            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in new[] { "", "name", "hub", "department", "purpose", "officer", "certificate" })
            {
                table.AddColumn(header);
            }

            foreach (var (name, profile) in file.Profiles)
            {
                table.AddRow([.. new[] { name == file.Default ? "*" : "", name, profile.Hub, profile.Department, profile.Purpose, profile.Officer, profile.Cert }
                    .Select(cell => Markup.Escape(cell ?? string.Empty))]);
            }

            if (file.Profiles.Count == 0)
            {
                run.Output.Say("(none)");
            }
            else
            {
                run.Output.Console.Write(table);
            }

            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }

    private static Command UseCommand(CliContext context)
    {
        var name = Name();
        var command = new Command("use", "Makes a profile the default.") { name };
        context.Handle(command, (run, _) =>
        {
            var store = ProfileStore.From(context.Environment);
            var file = Existing(store, run.Value(name)!);
            store.Write(file with { Default = run.Value(name) });
            run.Output.Say($"default profile: {run.Value(name)}");
            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }

    private static Command RemoveCommand(CliContext context)
    {
        var name = Name();
        var command = new Command("remove", "Removes a profile (its certificate files stay where they are).") { name };
        context.Handle(command, (run, _) =>
        {
            var store = ProfileStore.From(context.Environment);
            var file = Existing(store, run.Value(name)!);
            file.Profiles.Remove(run.Value(name)!);
            store.Write(file with { Default = file.Default == run.Value(name) ? null : file.Default });
            run.Output.Say($"profile '{run.Value(name)}' removed");
            return Task.FromResult(ExitCodes.Done);
        });
        return command;
    }

    private static ProfileFile Existing(ProfileStore store, string name)
    {
        var file = store.Read();
        return file.Profiles.ContainsKey(name)
            ? file
            : throw new CliUsageException($"There is no profile '{name}'; 'hubctl profile list' shows them.");
    }
}
