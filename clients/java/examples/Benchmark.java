import enterprisehub.client.HubClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Lookups per second from one Java process, the Java row of clients/testing/bench-sdks.sh:
 * {@code java -cp "$(../classpath.sh)" Benchmark.java HUB_DIR [WARMUP_SECONDS] [SECONDS] [IN_FLIGHT]}.
 *
 * <p>HUB_DIR is a folder clients/testing/hub.sh wrote. GetEnterprise of the demo enterprise as tax
 * from IN_FLIGHT threads (32) on one client. Prints "measuring" when the measured phase starts and
 * "done CALLS SECONDS CLIENT_CPU_SECONDS REFUSED" at its end.
 */
public class Benchmark {
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        Map<String, String> env = Files.readAllLines(folder.resolve("env")).stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
        Path certs = Path.of(env.get("HUB_CERTS"));
        try (HubClient tax = HubClient.builder(env.get("HUB_ADDRESS"))
                .pemFiles(certs.resolve("ca.crt"), certs.resolve("tax.crt"), certs.resolve("tax.key")).build()) {
            run(tax, inFlight, warmup);
            System.out.println("measuring");
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            long calls = run(tax, inFlight, seconds);
            System.out.printf("done %d %.3f %.3f 0%n", calls, (System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
        }
    }

    private static long run(HubClient tax, int threads, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    tax.getEnterprise("91440115MA5HUB013L", "benchmark", "tax-0042");
                    done.incrementAndGet();
                }
            });
            workers[i].start();
        }
        for (Thread t : workers) t.join();
        return done.get();
    }
}
