// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.hotlinerelay.cli.Main;
import org.hotlinerelay.hotline.keys.HotlineKeys;
import org.hotlinerelay.hotline.keys.RelaySigningFiles;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real processes: a relay JVM and an intake JVM on free loopback ports, a
 * report posted to the relay as a browser would, delivered, and read with {@code inbox}.
 */
class ReportToInboxE2ETest {
  static final String PASSPHRASE = "end-to-end test passphrase";
  static final String RELAY_ID = "e2e-relay";
  static final Duration STARTUP = Duration.ofSeconds(90);
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @TempDir Path temp;
  Path inbox;
  Path keys;
  Path passphraseFile;
  Path knownRelays;
  String fingerprint;
  RelaySigningFiles relayKeys;
  int intakePort;
  int intakeAdmin;
  int relayPort;
  ChildJvm intake;
  ChildJvm relay;

  @BeforeEach
  void start() throws Exception {
    keys = temp.resolve("hotline-keys");
    PublicKeyset publicKeyset = new HotlineKeys(keys).generate(PASSPHRASE.toCharArray());
    fingerprint = publicKeyset.fingerprint();
    passphraseFile = temp.resolve("passphrase.txt");
    Files.writeString(passphraseFile, PASSPHRASE + "\n");
    relayKeys = new RelaySigningFiles(temp.resolve("relay-keys"), RELAY_ID);
    relayKeys.generate();
    knownRelays = Files.createDirectories(temp.resolve("known-relays"));
    Files.copy(relayKeys.publicFile(), knownRelays.resolve(relayKeys.publicFile().getFileName()));
    inbox = temp.resolve("inbox");
    intakePort = ChildJvm.freePort();
    intakeAdmin = ChildJvm.freePort();
    relayPort = ChildJvm.freePort();
    startIntake();
    int relayAdmin = ChildJvm.freePort();
    relay = ChildJvm.start(temp.resolve("relay.log"), Main.class.getName(), "relay",
        "--listen", "127.0.0.1:" + relayPort, "--admin", "127.0.0.1:" + relayAdmin,
        "--hotline-url", "http://127.0.0.1:" + intakePort,
        "--hotline-keyset", keys.resolve(HotlineKeys.PUBLIC_FILE).toString(),
        "--hotline-fingerprint", fingerprint, "--relay-id", RELAY_ID,
        "--signing-key", relayKeys.signingFile().toString(), "--spool", temp.resolve("spool").toString(),
        "--forward-interval", "200ms", "--release-window", "1s");
    relay.awaitHealthy("http://127.0.0.1:" + relayAdmin + "/healthz", STARTUP);
  }

  void startIntake() throws Exception {
    intake = ChildJvm.start(temp.resolve("intake.log"), Main.class.getName(), "intake",
        "--listen", "127.0.0.1:" + intakePort, "--admin", "127.0.0.1:" + intakeAdmin,
        "--inbox", inbox.toString(), "--known-relays", knownRelays.toString(), "--retry-after", "1");
    intake.awaitHealthy("http://127.0.0.1:" + intakeAdmin + "/healthz", STARTUP);
  }

  @AfterEach
  void stop() throws Exception {
    if (relay != null) {
      relay.close();
    }
    if (intake != null) {
      intake.close();
    }
  }

  @Test
  void report_throughRelayAndIntake_inboxShowsExactlyTheFieldsSubmitted() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("portal", "default");
    form.put("lang", "en");
    form.put("url", "https://example.com/gallery?id=42");
    form.put("kind", "videos");
    form.put("location", "Second row, third picture");
    form.put("how_found", "A link in a forum post");
    form.put("details", "Seen on Friday evening.");
    assertEquals(303, post(form));
    awaitInbox(1);

    CliResult list = cli("inbox", "list");
    assertEquals(0, list.exit, list.err);
    String[] lines = list.out.split("\n");
    assertEquals(2, lines.length, list.out);
    assertTrue(lines[0].startsWith("ENVELOPE ID"), lines[0]);
    assertTrue(lines[1].replaceAll(" {2,}", "  ").matches("[0-9a-f]{32}  new  \\d{4}-\\d{2}-\\d{2}T\\d{2}:00Z  default  en  videos  "
        + "hxxps://example\\[\\.\\]com/gallery\\?id=42"), lines[1]);

    String envelopeId = lines[1].substring(0, 32);
    CliResult show = cli("inbox", "show", envelopeId);
    assertEquals(0, show.exit, show.err);
    for (String expected : List.of("Portal: default", "Language: en", "Content: videos",
        "  hxxps://example[.]com/gallery?id=42", "Where on the page:", "  Second row, third picture",
        "How found:", "  A link in a forum post", "Details:", "  Seen on Friday evening.",
        "Contact: none (the reporter stayed anonymous)")) {
      assertTrue(show.out.contains(expected + "\n"), expected + " in\n" + show.out);
    }

    Path export = temp.resolve("export.jsonl");
    CliResult exported = cli("inbox", "export", "--format", "jsonl", "--out", export.toString());
    assertEquals(0, exported.exit, exported.err);
    JsonNode report = new ObjectMapper().readTree(Files.readString(export)).get("report");
    Set<String> fields = new HashSet<>();
    report.fieldNames().forEachRemaining(fields::add);
    // Exactly the schema's fields: nothing from the connection or headers has a place to go.
    assertEquals(Set.of("v", "id", "receivedHour", "portal", "language", "urls", "inApp", "contentKind", "location",
        "howFound", "details", "contact"), fields);
    assertEquals("https://example.com/gallery?id=42", report.get("urls").get(0).asText());
    assertEquals(1, report.get("urls").size());
    assertEquals("videos", report.get("contentKind").asText());
    assertEquals("Second row, third picture", report.get("location").asText());
    assertEquals("A link in a forum post", report.get("howFound").asText());
    assertEquals("Seen on Friday evening.", report.get("details").asText());
    assertTrue(report.get("contact").isNull());
    assertTrue(report.get("receivedHour").asText().endsWith(":00Z"));
    String everything = Files.readString(export);
    assertFalse(everything.contains("127.0.0.1"), everything);
    assertFalse(everything.contains("Java-http-client"), everything);
  }

  @Test
  void intakeKilledMidDelivery_relayRetries_nothingLostNothingDoubled() throws Exception {
    int n = 30;
    for (int i = 0; i < n; i++) {
      Map<String, String> form = new LinkedHashMap<>();
      form.put("portal", "default");
      form.put("lang", "en");
      form.put("url", "https://example.com/item/" + i);
      form.put("kind", "images");
      form.put("details", "report " + i);
      assertEquals(303, post(form), "report " + i + " acknowledged");
      if (i == 5) {
        awaitInbox(1);
        intake.kill();
      }
    }
    assertTrue(storedCount() < n, "the kill came before everything was delivered");
    Thread.sleep(1500);
    startIntake();
    awaitInbox(n);
    awaitEmptySpool();
    Thread.sleep(1000);
    assertEquals(n, storedCount());
    // The real relay and the real intake agree on the one endpoint: no configuration error.
    assertTrue(!Files.readString(temp.resolve("relay.log")).contains("RELAY-310"), "the intake took the relay's batches");

    CliResult list = cli("inbox", "list");
    assertEquals(0, list.exit, list.err);
    List<String> lines = List.of(list.out.split("\n")).subList(1, list.out.split("\n").length);
    assertTrue(list.out.startsWith("ENVELOPE ID"), list.out);
    assertEquals(n, lines.size(), list.out);
    Set<String> urls = new HashSet<>();
    for (String line : lines) {
      urls.add(line.substring(line.indexOf("hxxps://")));
    }
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < n; i++) {
      expected.add("hxxps://example[.]com/item/" + i);
    }
    assertEquals(expected, urls);
  }

  int post(Map<String, String> form) throws Exception {
    List<String> pairs = new ArrayList<>();
    form.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relayPort + "/report"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  long storedCount() throws Exception {
    if (!Files.isDirectory(inbox)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(inbox)) {
      return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{32}")).count();
    }
  }

  void awaitInbox(long count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (storedCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("inbox has " + storedCount() + " of " + count + "; logs in " + temp);
      }
      Thread.sleep(100);
    }
  }

  void awaitEmptySpool() throws Exception {
    Path outbox = temp.resolve("spool").resolve("outbox");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Stream<Path> files = Files.list(outbox)) {
        if (files.noneMatch(f -> f.getFileName().toString().matches("[0-9a-f]{32}"))) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("relay spool not drained");
      }
      Thread.sleep(100);
    }
  }

  record CliResult(int exit, String out, String err) {}

  CliResult cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--inbox", inbox.toString(), "--key", keys.resolve(HotlineKeys.PRIVATE_FILE).toString(),
        "--passphrase-file", passphraseFile.toString()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliResult(exit, out.toString(), err.toString());
  }
}
