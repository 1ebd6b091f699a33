package enterprisehub.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real hub in its own process, through clients/testing/hub.sh, in a fresh temporary folder. */
final class TestHub implements AutoCloseable {
    private static final Path SCRIPT = Path.of(System.getProperty("enterprisehub.root", "../..")).toAbsolutePath()
            .normalize().resolve("clients/testing/hub.sh");
    final Path dir;
    final Map<String, String> env = new HashMap<>();

    TestHub() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("enterprisehub-java-");
        run("start");
        for (String line : Files.readAllLines(dir.resolve("env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
    }

    String address() { return env.get("HUB_ADDRESS"); }

    Path cert(String name) { return Path.of(env.get("HUB_CERTS")).resolve(name); }

    /** A client as one of the dev PKI's identities (tax, amr, hrss, customs, admin, portal, ...). */
    HubClient client(String identity) {
        return HubClient.builder(address())
                .pemFiles(cert("ca.crt"), cert(identity + ".crt"), cert(identity + ".key"))
                .build();
    }

    void restart() throws IOException, InterruptedException { run("restart"); }

    void run(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", SCRIPT.toString(), action, dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("hub.sh " + action + " failed; see " + dir.resolve("hub.log"));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("stop");
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
