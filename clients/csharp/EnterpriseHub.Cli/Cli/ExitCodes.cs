namespace EnterpriseHub.Cli.Cli;

/// <summary>What <c>hubctl</c> returns to the shell; documented in <c>hubctl --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Done = 0;

    /// <summary>The hub refused the request (invalid argument, permission, not found, ...), or an offline check did not prove what it checks.</summary>
    public const int Refused = 1;

    /// <summary>The command line was wrong, or a rule the hub would apply was broken locally; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The hub could not be reached or did not answer in time (UNAVAILABLE, DEADLINE_EXCEEDED).</summary>
    public const int Unavailable = 3;

    /// <summary>An import finished, but some input lines were rejected.</summary>
    public const int Rejected = 4;

    /// <summary>Interrupted (Ctrl-C) before it was done, as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>The text of <c>hubctl --help</c> that documents the codes.</summary>
    public const string Help =
        "Exit codes: 0 done, 1 refused by the hub (or not proven by audit check), 2 usage error (nothing sent), 3 hub unavailable, 4 finished with rejected input lines, 130 interrupted (watch ends with 0).";
}
