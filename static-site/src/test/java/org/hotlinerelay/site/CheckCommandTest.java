// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code site check} against a loopback web server serving a bundle built by {@code site build}:
 * the good copy passes (exit 0), and each tampered copy — the form's address changed, a script
 * added, the policy removed, a file edited, a header missing — is named on its own line (exit 2).
 */
class CheckCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path portals;
  private Path bundle;
  private HttpServer server;
  private boolean sendHeaders = true;

  @BeforeEach
  void buildAndServe() throws Exception {
    portals = Files.writeString(tmp.resolve("portals.json"), PortalsFileTest.GOOD);
    bundle = tmp.resolve("bundle");
    new Bundle(Site.load(), PortalsFile.read(portals).get("example")).writeTo(bundle, false);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/partner/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Serves the bundle folder under /partner/, with the headers the operator's guide asks for. */
  private void serve(HttpExchange ex) throws IOException {
    Path file = bundle.resolve(ex.getRequestURI().getPath().substring("/partner/".length()));
    if (sendHeaders) {
      ex.getResponseHeaders().add("Referrer-Policy", "no-referrer");
      ex.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
      ex.getResponseHeaders().add("Content-Security-Policy", "frame-ancestors 'none'");
    }
    byte[] body = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
    ex.sendResponseHeaders(Files.isRegularFile(file) ? 200 : 404, body.length == 0 ? -1 : body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  private String address() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/partner/";
  }

  private int check(String where) {
    CommandLine cli = new CommandLine(new SiteCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((ex, c, p) -> {
      err.write("Error: " + ex.getMessage());
      return ex instanceof CommandFailure f ? f.exitCode() : ExitCode.FAILURE;
    });
    return cli.execute("check", "--portals", portals.toString(), where);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  private void edit(String path, String from, String to) throws IOException {
    String page = Files.readString(bundle.resolve(path));
    assertTrue(page.contains(from), from);
    Files.writeString(bundle.resolve(path), page.replace(from, to));
  }

  @Test
  void goodCopy_overHttp_matches_exit0() {
    assertEquals(ExitCode.OK, check(address()), out + err.toString());
    assertEquals(List.of("OK: 4 files of portal 'example' checked, 0 findings"), lines());
  }

  @Test
  void goodCopy_savedFolder_matches_exit0() {
    assertEquals(ExitCode.OK, check(bundle.toString()), out + err.toString());
  }

  @Test
  void actionChanged_isNamed_exit2() throws Exception {
    edit("fr/index.html", "action=\"https://relay.example.org/report\"", "action=\"https://collector.example/report\"");
    assertEquals(ExitCode.FAILURE, check(address()));
    assertTrue(lines().get(0).startsWith("fr/index.html: differs from what 'site build' makes (sha256 "), lines().get(0));
    assertTrue(lines().contains("fr/index.html: a form posts to https://collector.example/report, not to one of the hotline's relays"
        + " [http://abcdefghijklmnop.onion/report, https://relay.example.org/report]"), out.toString());
    assertEquals("DIFFERS: 4 files of portal 'example' checked, 2 findings", lines().get(lines().size() - 1));
  }

  @Test
  void anotherRelayOfTheSameHotline_isAcceptedAsAnAddress_butTheFileStillDiffers() throws Exception {
    edit("en/index.html", "action=\"https://relay.example.org/report\"", "action=\"http://abcdefghijklmnop.onion/report\"");
    assertEquals(ExitCode.FAILURE, check(address()));
    assertEquals(2, lines().size(), out.toString());
    assertTrue(lines().get(0).startsWith("en/index.html: differs"));
  }

  @Test
  void scriptAdded_isNamed_exit2() throws Exception {
    edit("index.html", "</body>", "<script src=\"https://cdn.example/t.js\"></script></body>");
    assertEquals(ExitCode.FAILURE, check(address()));
    assertTrue(lines().contains("index.html: has a script, an event handler, a javascript: URL or a formaction (no script allowed)"), out.toString());
  }

  @Test
  void cspMetaRemoved_isNamed_exit2() throws Exception {
    String page = Files.readString(bundle.resolve("en/index.html"));
    Files.writeString(bundle.resolve("en/index.html"), page.replaceAll("<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n", ""));
    assertEquals(ExitCode.FAILURE, check(address()));
    assertTrue(lines().contains("en/index.html: has no Content-Security-Policy meta"), out.toString());
  }

  @Test
  void cspMetaLoosened_isNamed_exit2() throws Exception {
    edit("en/index.html", "form-action https://relay.example.org;", "form-action *;");
    assertEquals(ExitCode.FAILURE, check(bundle.toString()));
    assertTrue(lines().contains("en/index.html: Content-Security-Policy meta differs from the built one"), out.toString());
  }

  @Test
  void fileEdited_isNamedByItsDigest_exit2() throws Exception {
    edit("assets/site.css", "--accent:", "--accent:#ff0000;--was:");
    assertEquals(ExitCode.FAILURE, check(address()));
    assertEquals(2, lines().size(), out.toString());
    assertTrue(lines().get(0).matches("assets/site\\.css: differs from what 'site build' makes \\(sha256 [0-9a-f]{16}, expected [0-9a-f]{16}\\)"), lines().get(0));
  }

  @Test
  void fileMissing_isNamed_exit2() throws Exception {
    Files.delete(bundle.resolve("fr/index.html"));
    assertEquals(ExitCode.FAILURE, check(address()));
    assertTrue(lines().contains("fr/index.html: missing (HTTP 404)"), out.toString());
  }

  @Test
  void headersNotSent_areNamed_perFile_exit2() {
    sendHeaders = false;
    assertEquals(ExitCode.FAILURE, check(address()));
    assertTrue(lines().contains("index.html: header X-Content-Type-Options: nosniff is not sent"), out.toString());
    assertTrue(lines().contains("index.html: header Referrer-Policy with no-referrer is not sent"));
    assertTrue(lines().contains("index.html: header Content-Security-Policy with frame-ancestors 'none' is not sent"));
    assertTrue(lines().contains("assets/site.css: header X-Content-Type-Options: nosniff is not sent"));
    assertEquals(3 * 3 + 1 + 1, lines().size(), "three HTML files with three headers each, the stylesheet one, the summary");
  }

  @Test
  void nothingListening_isACommandFailure_exit2() {
    server.stop(0);
    assertEquals(ExitCode.FAILURE, check(address()));
    assertTrue(err.toString().startsWith("Error: cannot fetch index.html"), err.toString());
  }

  @Test
  void addressOfAPageNotItsFolder_saysThereIsNoIndexThere_notThatItNamesNoPortal() {
    assertEquals(ExitCode.FAILURE, check(address() + "index.html"));
    assertTrue(err.toString().startsWith("Error: no index.html at " + address() + "index.html (HTTP 404):"
        + " give the address or folder that holds the copy's index.html"), err.toString());
  }

  @Test
  void folderWithoutIndex_saysThereIsNoIndexThere() throws Exception {
    Files.delete(bundle.resolve("index.html"));
    assertEquals(ExitCode.FAILURE, check(bundle.toString()));
    assertTrue(err.toString().startsWith("Error: no index.html in " + bundle), err.toString());
  }

  @Test
  void neitherAddressNorFolder_isAUsageError() {
    assertEquals(ExitCode.USAGE, check(tmp.resolve("nowhere").toString()));
    assertTrue(err.toString().startsWith("Error: give an http(s):// address or the folder of a saved copy"), err.toString());
  }
}
