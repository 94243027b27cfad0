// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.testing;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.TestOpener;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;
import org.hotlinerelay.relay.forward.Schedule;
import org.hotlinerelay.relay.spool.internal.SpoolFiles;

/** A relay on loopback, ephemeral ports, fresh test keys and a spool in a temporary folder. */
public final class RelayFixture implements AutoCloseable {
  public final Path dir;
  public final KeysetHandle hotlinePrivate;
  public final PublicKeyset hotlinePublic;
  public final Path keysetFile;
  public final Path spoolDir;
  public final RelayServer server;

  private RelayFixture(Path dir, KeysetHandle hotlinePrivate, Consumer<RelayConfig.Builder> tweak) throws Exception {
    this.dir = dir;
    this.hotlinePrivate = hotlinePrivate;
    this.hotlinePublic = TestKeys.publicOf(hotlinePrivate);
    this.keysetFile = dir.resolve("hotline-public.json");
    Files.writeString(keysetFile, hotlinePublic.toJson());
    Path signingKey = dir.resolve("relay-signing.json");
    Files.writeString(signingKey, RelaySigningKey.toJson(TestKeys.relaySigning()));
    this.spoolDir = dir.resolve("spool");
    RelayConfig.Builder builder = baseConfig(dir, hotlinePublic.fingerprint());
    tweak.accept(builder);
    this.server = RelayServer.start(builder.build());
  }

  /** A batch every 100 ms, released within 600 ms: what tests that forward wait for. */
  public static final Schedule FAST_SCHEDULE = new Schedule(Duration.ofMillis(100), List.of(2, 16, 128), Duration.ofMillis(300));

  /** A configuration on ports 0 with short timeouts; the keyset and key files must be written. */
  public static RelayConfig.Builder baseConfig(Path dir, String fingerprint) {
    return RelayConfig.builder()
        .listen(new HostPort("127.0.0.1", 0))
        .admin(new HostPort("127.0.0.1", 0))
        .hotlineKeyset(dir.resolve("hotline-public.json"))
        .pinnedFingerprints(List.of(fingerprint))
        .relayId("test-relay")
        .signingKey(dir.resolve("relay-signing.json"))
        .spoolDir(dir.resolve("spool"))
        .schedule(FAST_SCHEDULE)
        .timeouts(new RelayConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMillis(200)));
  }

  public static RelayFixture start(Path dir) throws Exception {
    return start(dir, b -> {});
  }

  public static RelayFixture start(Path dir, Consumer<RelayConfig.Builder> tweak) throws Exception {
    return new RelayFixture(dir, TestKeys.hotlinePrivate(), tweak);
  }

  /** A relay whose hotline keyset is the public half of {@code hotlinePrivate}. */
  public static RelayFixture start(Path dir, KeysetHandle hotlinePrivate, Consumer<RelayConfig.Builder> tweak) throws Exception {
    return new RelayFixture(dir, hotlinePrivate, tweak);
  }

  public int port() {
    return server.port();
  }

  /** The envelopes in the spool's outbox, read from its files as they are on disk. */
  public List<byte[]> outbox() throws IOException {
    return SpoolFiles.readAll(spoolDir.resolve("outbox")).values().stream().map(SpoolFiles.Stored::data).toList();
  }

  /** Every file under the spool folder, at any depth. */
  public List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.walk(spoolDir)) {
      return new ArrayList<>(files.filter(Files::isRegularFile).toList());
    }
  }

  /** Opens every spooled envelope with the test private key. */
  public List<Report> openAll() throws Exception {
    return openAll(hotlinePrivate);
  }

  public List<Report> openAll(KeysetHandle privateKeyset) throws Exception {
    List<Report> reports = new ArrayList<>();
    for (byte[] bytes : outbox()) {
      Envelope envelope = EnvelopeBinary.decode(bytes);
      reports.add(TestOpener.open(privateKeyset, envelope.sealed()));
    }
    return reports;
  }

  @Override
  public void close() {
    server.close();
  }
}
