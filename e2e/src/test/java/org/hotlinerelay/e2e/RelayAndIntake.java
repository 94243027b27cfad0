// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotlinerelay.cli.Main;
import org.hotlinerelay.hotline.intake.IntakeConfig;
import org.hotlinerelay.hotline.intake.IntakeServer;
import org.hotlinerelay.hotline.keys.HotlineKeys;
import org.hotlinerelay.hotline.keys.RelaySigningFiles;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;

/**
 * The whole system in this JVM, on loopback, with keys made as a hotline makes them: hotline keys
 * (private file under a passphrase) by {@link HotlineKeys}, a relay signing key by
 * {@link RelaySigningFiles} whose public half is the intake's only known relay, an
 * {@link IntakeServer}, and a {@link RelayServer} whose own forwarder delivers to it. The inbox is
 * read only through the staff tool ({@code inbox export}, {@code inbox show}), as staff would.
 */
final class RelayAndIntake implements AutoCloseable {
  static final String RELAY_ID = "browser-relay";
  private static final String PASSPHRASE = "browser test passphrase, not a secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final IntakeServer intake;
  final RelayServer relay;
  private final HotlineKeys keys;
  private final Path passphraseFile;
  private int exports;

  private RelayAndIntake(Path dir, HotlineKeys keys, Path passphraseFile, IntakeServer intake, RelayServer relay) {
    this.dir = dir;
    this.keys = keys;
    this.passphraseFile = passphraseFile;
    this.intake = intake;
    this.relay = relay;
  }

  static RelayAndIntake start() throws Exception {
    return start((dir, relay) -> relay);
  }

  /** As {@link #start()}, with the relay's configuration changed by {@code tweak} (given the test's folder). */
  static RelayAndIntake start(java.util.function.BiFunction<Path, RelayConfig.Builder, RelayConfig.Builder> tweak) throws Exception {
    Path dir = Files.createTempDirectory("hotline-relay-browser-");
    HotlineKeys keys = new HotlineKeys(dir.resolve("hotline-keys"));
    PublicKeyset hotlinePublic = keys.generate(PASSPHRASE.toCharArray());
    Path passphraseFile = dir.resolve("passphrase.txt");
    Files.writeString(passphraseFile, PASSPHRASE + "\n");
    RelaySigningFiles relayKeys = new RelaySigningFiles(dir.resolve("relay-keys"), RELAY_ID);
    relayKeys.generate();
    Path knownRelays = Files.createDirectories(dir.resolve("known-relays"));
    Files.copy(relayKeys.publicFile(), knownRelays.resolve(relayKeys.publicFile().getFileName()));
    IntakeServer intake = IntakeServer.start(new IntakeConfig("127.0.0.1", 0, 0, dir.resolve("inbox"),
        knownRelays, IntakeConfig.DEFAULT_QUOTA, 1, null));
    RelayServer relay;
    try {
      relay = RelayServer.start(tweak.apply(dir, RelayConfig.builder()
          .listen(new HostPort("127.0.0.1", 0))
          .admin(new HostPort("127.0.0.1", 0))
          .hotlineUrl(URI.create("http://127.0.0.1:" + intake.port()))
          .hotlineKeyset(keys.publicFile())
          .pinnedFingerprints(List.of(hotlinePublic.fingerprint()))
          .relayId(RELAY_ID)
          .signingKey(relayKeys.signingFile())
          .spoolDir(dir.resolve("spool"))
          .schedule(new org.hotlinerelay.relay.forward.Schedule(java.time.Duration.ofMillis(200),
              org.hotlinerelay.relay.forward.Schedule.DEFAULT_BUCKETS, java.time.Duration.ofSeconds(1)))
          .timeouts(new RelayConfig.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
              Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(500))))
          .build());
    } catch (RuntimeException e) {
      intake.close();
      throw e;
    }
    return new RelayAndIntake(dir, keys, passphraseFile, intake, relay);
  }

  String url(String path) {
    return "http://127.0.0.1:" + relay.port() + path;
  }

  /** Waits until the relay's spool is empty and the intake holds {@code count} envelopes. */
  void awaitDelivered(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (relay.spool().depth() > 0 || intake.inboxSize() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not delivered: spool holds " + relay.spool().depth() + ", inbox "
            + intake.inboxSize() + " of " + count + " (files in " + dir + ")");
      }
      Thread.sleep(50);
    }
  }

  /** {@code inbox export --format jsonl}: one JSON object per report, as the staff member gets it. */
  List<JsonNode> exportJsonl() throws Exception {
    Path out = dir.resolve("export-" + (++exports) + ".jsonl");
    Cli result = inbox("export", "--format", "jsonl", "--out", out.toString());
    if (result.exit != 0 || !result.err.isEmpty()) {
      throw new AssertionError("inbox export: exit " + result.exit + "\n" + result.err);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      lines.add(JSON.readTree(line));
    }
    if (!result.out.startsWith("Exported " + lines.size() + " reports (0 skipped)")) {
      throw new AssertionError("inbox export summary: " + result.out);
    }
    Files.delete(out);
    return lines;
  }

  record Cli(int exit, String out, String err) {}

  /** Runs {@code inbox ARGS --inbox … --key … --passphrase-file …} through the real command line. */
  Cli inbox(String... args) {
    List<String> all = new ArrayList<>(List.of("inbox"));
    all.addAll(List.of(args));
    all.addAll(List.of("--inbox", dir.resolve("inbox").toString(), "--key", keys.privateFile().toString(),
        "--passphrase-file", passphraseFile.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(exit, out.toString(), err.toString());
  }

  @Override
  public void close() {
    relay.close();
    intake.close();
  }
}
