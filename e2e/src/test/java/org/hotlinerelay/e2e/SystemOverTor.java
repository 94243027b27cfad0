// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.hotlinerelay.cli.Main;
import org.hotlinerelay.hotline.keys.HotlineKeys;
import org.hotlinerelay.hotline.keys.RelaySigningFiles;
import org.hotlinerelay.protocol.keys.PublicKeyset;

/**
 * The real relay and intake, each in its own JVM through the real command line, deployed behind
 * the {@link TorDeployment}'s onion services: the intake on the hotline's onion service, the relay
 * on the relay's, forwarding to {@code http://<intake>.onion} through its tor's SOCKS port (via
 * the deployment's link recorder). A reporter reaches the relay through the reporter's tor.
 */
final class SystemOverTor implements AutoCloseable {
  static final String RELAY_ID = "tor-relay";
  private static final String PASSPHRASE = "tor test passphrase, not a secret";
  private static final Duration STARTUP = Duration.ofSeconds(120);

  final TorDeployment tor;
  final Path dir;
  final String relayOnion;
  final String intakeOnion;
  final OkHttpClient reporter;
  final int relayAdmin;
  private final ChildJvm intake;
  private final ChildJvm relay;
  long intakePid;
  long relayPid;

  private SystemOverTor(TorDeployment tor, Path dir, String relayOnion, String intakeOnion, OkHttpClient reporter,
      int relayAdmin, ChildJvm intake, ChildJvm relay) {
    this.tor = tor;
    this.dir = dir;
    this.relayOnion = relayOnion;
    this.intakeOnion = intakeOnion;
    this.reporter = reporter;
    this.relayAdmin = relayAdmin;
    this.intake = intake;
    this.relay = relay;
  }

  /** Starts the intake while Tor bootstraps, the relay once Tor is ready, then waits for both to be healthy. */
  static SystemOverTor start(TorDeployment tor, String... relayArgs) throws Exception {
    Path dir = Files.createTempDirectory("hotline-relay-over-tor-");
    Path keys = dir.resolve("hotline-keys");
    PublicKeyset hotlinePublic = new HotlineKeys(keys).generate(PASSPHRASE.toCharArray());
    Files.writeString(dir.resolve("passphrase.txt"), PASSPHRASE + "\n");
    RelaySigningFiles relayKeys = new RelaySigningFiles(dir.resolve("relay-keys"), RELAY_ID);
    relayKeys.generate();
    Path knownRelays = Files.createDirectories(dir.resolve("known-relays"));
    Files.copy(relayKeys.publicFile(), knownRelays.resolve(relayKeys.publicFile().getFileName()));
    String relayOnion = tor.onion(TorDeployment.RELAY_SIDE);
    String intakeOnion = tor.onion(TorDeployment.HOTLINE_SIDE);
    int intakeAdmin = ChildJvm.freePort();
    ChildJvm intake = ChildJvm.start(dir.resolve("intake.log"), Main.class.getName(), "intake",
        "--listen", "127.0.0.1:" + tor.intakePort, "--admin", "127.0.0.1:" + intakeAdmin,
        "--inbox", dir.resolve("inbox").toString(), "--known-relays", knownRelays.toString(), "--retry-after", "1");
    // The relay starts once Tor is ready: its first batch goes out at once, and a tor asked for an
    // onion service whose descriptor is not yet published remembers the failure for minutes.
    try {
      tor.awaitReady();
    } catch (Exception | AssertionError e) {
      intake.close();
      throw e;
    }
    int relayAdmin = ChildJvm.freePort();
    List<String> args = new ArrayList<>(List.of("relay",
        "--listen", "127.0.0.1:" + tor.relayPort, "--admin", "127.0.0.1:" + relayAdmin,
        "--hotline-url", "http://" + intakeOnion,
        "--socks-proxy", "127.0.0.1:" + tor.link.port(),
        "--hotline-keyset", keys.resolve(HotlineKeys.PUBLIC_FILE).toString(),
        "--hotline-fingerprint", hotlinePublic.fingerprint(), "--relay-id", RELAY_ID,
        "--signing-key", relayKeys.signingFile().toString(), "--spool", dir.resolve("spool").toString(),
        "--onion-location", "http://" + relayOnion));
    args.addAll(List.of(relayArgs));
    ChildJvm relay = ChildJvm.start(dir.resolve("relay.log"), Main.class.getName(), args.toArray(String[]::new));
    OkHttpClient reporter = reporter(tor.reporterSocksPort);
    SystemOverTor system = new SystemOverTor(tor, dir, relayOnion, intakeOnion, reporter, relayAdmin, intake, relay);
    try {
      tor.awaitReady();
      intake.awaitHealthy("http://127.0.0.1:" + intakeAdmin + "/healthz", STARTUP);
      relay.awaitHealthy("http://127.0.0.1:" + relayAdmin + "/healthz", STARTUP);
      system.intakePid = tor.watchListener(tor.intakePort);
      system.relayPid = tor.watchListener(tor.relayPort);
    } catch (Exception | AssertionError e) {
      system.close();
      throw e;
    }
    return system;
  }

  /** A reporter's HTTP client through the SOCKS port {@code 127.0.0.1:socksPort}; names go to Tor. */
  static OkHttpClient reporter(int socksPort) {
    return new OkHttpClient.Builder()
        .proxy(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", socksPort)))
        .followRedirects(false)
        .connectTimeout(Duration.ofSeconds(90))
        .readTimeout(Duration.ofSeconds(90))
        .writeTimeout(Duration.ofSeconds(90))
        .build();
  }

  /** {@code POST /report} to the relay's onion address through the reporter's tor; the status. */
  int postOverTor(Map<String, String> form) throws IOException {
    return postOverTor(reporter, form);
  }

  int postOverTor(OkHttpClient client, Map<String, String> form) throws IOException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    Request request = new Request.Builder().url("http://" + relayOnion + "/report").post(body.build()).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  /** Reports the intake has stored (files named by a 32-digit envelope id). */
  long storedCount() throws IOException {
    Path inbox = dir.resolve("inbox");
    if (!Files.isDirectory(inbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(inbox)) {
      return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{32}")).count();
    }
  }

  /** The relay's {@code hotline_relay_forward_*} and spool counters, for a failure's message. */
  private String forwardCounters() {
    try (java.io.InputStream in = java.net.URI.create("http://127.0.0.1:" + relayAdmin + "/metrics").toURL().openStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> l.startsWith("hotline_relay_forward") || l.startsWith("hotline_relay_spool"))
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (IOException e) {
      return "(metrics not read: " + e.getClass().getSimpleName() + ")";
    }
  }

  void awaitStored(long count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (storedCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the inbox holds " + storedCount() + " of " + count + "; logs in " + dir
            + "; the relay's forwarding counters:\n" + forwardCounters());
      }
      Thread.sleep(50);
    }
  }

  /** {@code inbox export --format jsonl} through the real command line: one report per line. */
  List<JsonNode> export() throws IOException {
    Path out = dir.resolve("export.jsonl");
    Files.deleteIfExists(out);
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int exit = Main.run(new String[] {"inbox", "export", "--format", "jsonl", "--out", out.toString(),
        "--inbox", dir.resolve("inbox").toString(),
        "--key", dir.resolve("hotline-keys").resolve(HotlineKeys.PRIVATE_FILE).toString(),
        "--passphrase-file", dir.resolve("passphrase.txt").toString()},
        new PrintWriter(stdout, true), new PrintWriter(stderr, true));
    if (exit != 0) {
      throw new AssertionError("inbox export: exit " + exit + "\n" + stderr);
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> reports = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      reports.add(json.readTree(line).get("report"));
    }
    return reports;
  }

  @Override
  public void close() throws Exception {
    try {
      relay.close();
    } finally {
      intake.close();
    }
  }
}
