import enterprisehub.client.HubClient;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lookups per second from one client process: GetEnterprise of the demo enterprise as tax, from
 * THREADS threads (16 by default) on one channel, for SECONDS seconds (10) after a 2 s warm-up.
 */
public class Benchmark {
    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(System.getenv().getOrDefault("THREADS", "16"));
        int seconds = Integer.parseInt(System.getenv().getOrDefault("SECONDS", "10"));
        Path certs = Path.of(System.getenv("HUB_CERTS"));
        try (HubClient tax = HubClient.builder(System.getenv("HUB_ADDRESS"))
                .pemFiles(certs.resolve("ca.crt"), certs.resolve("tax.crt"), certs.resolve("tax.key")).build()) {
            AtomicLong done = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            Thread[] workers = new Thread[threads];
            for (int i = 0; i < threads; i++) {
                workers[i] = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            tax.getEnterprise("91440115MA5HUB013L", "benchmark", "tax-0042");
                            if (System.nanoTime() > warmEnd) done.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
                workers[i].start();
            }
            for (Thread t : workers) t.join();
            System.out.printf("java: %.0f lookups/s (%d threads, %d s, %d failed)%n",
                    done.get() / (double) seconds, threads, seconds, failed.get());
        }
    }
}
