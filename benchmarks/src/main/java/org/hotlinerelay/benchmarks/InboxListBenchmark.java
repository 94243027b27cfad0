// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.benchmarks;

import com.google.crypto.tink.KeysetHandle;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotlinerelay.cli.Main;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.hotline.keys.PrivateKeyFile;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;

/**
 * How long {@code inbox list} takes over N sealed reports. Generates a throwaway key file and N
 * envelopes (sealed in parallel, stored in the inbox format,
 * {@code InboxStore}) into FOLDER, then runs {@code inbox list} through the launcher in this JVM,
 * output discarded, and prints the wall time. The folder is kept, so the same listing can be timed
 * again from outside, and the workstation measured over it ({@link WorkstationBenchmark}):
 *
 * <pre>
 * ./mvnw -q -B -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar org.hotlinerelay.benchmarks.InboxListBenchmark 100000 /tmp/inbox-bench
 * </pre>
 */
public final class InboxListBenchmark {
  static final String PASSPHRASE = "benchmark only, not a secret";

  private InboxListBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path folder = Path.of(args.length > 1 ? args[1] : "/tmp/hotline-inbox-benchmark");
    System.out.println("cores: "
        + Runtime.getRuntime().availableProcessors());
    Path inbox = folder.resolve("inbox");
    Path key = folder.resolve("hotline-private.json");
    Path passphrase = folder.resolve("passphrase.txt");
    if (Files.exists(folder)) {
      throw new IllegalStateException("folder exists, remove it first: " + folder);
    }
    Files.createDirectories(inbox);
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    PrivateKeyFile.create(key, hotline, PASSPHRASE.toCharArray());
    Files.writeString(passphrase, PASSPHRASE + "\n");
    long start = System.nanoTime();
    generate(n, inbox, Sealer.create(TestKeys.publicOf(hotline)), EnvelopeSigner.create("bench", TestKeys.relaySigning()));
    System.out.printf("Generated %d sealed envelopes in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
    String[] list = {"inbox", "list", "--inbox", inbox.toString(), "--key", key.toString(),
        "--passphrase-file", passphrase.toString()};
    start = System.nanoTime();
    PrintWriter sink = new PrintWriter(OutputStream.nullOutputStream());
    StringBuilderWriter err = new StringBuilderWriter();
    int exit = Main.run(list, sink, new PrintWriter(err, true));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("inbox list over %d reports: %.1f s (exit %d; %s)%n", n, seconds, exit, err.last());
    System.out.println("Time it again from outside: time ./hotline-relay " + String.join(" ", list) + " > /dev/null");
  }

  private static void generate(int n, Path inbox, Sealer sealer, EnvelopeSigner signer) throws Exception {
    int threads = Runtime.getRuntime().availableProcessors();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<String> portals = List.of("default", "north", "south", "east");
    try {
      Future<?>[] workers = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        workers[t] = pool.submit(() -> {
          for (int i; (i = next.getAndIncrement()) < n; ) {
            Report r = new Report(Ids.random(), String.format("2026-11-%02dT%02d:00Z", 1 + i % 28, i % 24),
                portals.get(i % portals.size()), i % 3 == 0 ? "fr" : "en",
                List.of("https://example.com/gallery/" + i, "http://example" + i + ".onion/x"),
                ContentKind.values()[i % ContentKind.values().length], "second row", "a forum link",
                "Report number " + i + " made by the benchmark.", null, null);
            var e = signer.wrap(sealer.seal(r));
            Files.write(inbox.resolve(e.id()), EnvelopeBinary.encode(e));
          }
          return null;
        });
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Keeps stderr of the run, to print its last line (the count). */
  private static final class StringBuilderWriter extends java.io.Writer {
    private final StringBuilder text = new StringBuilder();

    @Override public void write(char[] c, int off, int len) { text.append(c, off, len); }
    @Override public void flush() {}
    @Override public void close() {}

    String last() {
      String[] lines = text.toString().strip().split("\n");
      return lines[lines.length - 1];
    }
  }

}
