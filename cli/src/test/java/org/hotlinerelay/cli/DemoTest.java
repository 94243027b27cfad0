// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DemoTest {
  @Test
  void demo_reportReachesInbox_commandPrintedWorks_closeDeletesEverything_nextRunFresh() throws Exception {
    Path firstFolder;
    try (Demo demo = Demo.start(freePort(), freePort())) {
      firstFolder = demo.folder;
      HttpResponse<String> portal = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.relay.port() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, portal.statusCode());
      HttpResponse<Void> posted = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.relay.port() + "/report"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("portal=default&lang=en&url=https%3A%2F%2Fexample.com%2Fdemo&kind=images"))
              .build(), HttpResponse.BodyHandlers.discarding());
      assertEquals(303, posted.statusCode());
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (demo.intake.inboxSize() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      String command = demo.inboxListCommand();
      assertTrue(command.startsWith("./hotline-relay inbox list --inbox "), command);
      String[] args = command.substring("./hotline-relay ".length()).split(" ");
      CliRun run = CliRun.of(args);
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().replaceAll(" {2,}", "  ").contains("  default  en  images  hxxps://example[.]com/demo"), run.out());
    }
    assertFalse(Files.exists(firstFolder), "demo folder deleted on stop");
    try (Demo second = Demo.start(freePort(), freePort())) {
      assertNotEquals(firstFolder, second.folder);
      assertEquals(0, second.intake.inboxSize());
    }
  }

  @Test
  void demo_samePorts_usageError() {
    CliRun run = CliRun.of("demo", "--relay-port", "9999", "--intake-port", "9999");
    assertEquals(1, run.exit());
    assertEquals("Error: --relay-port and --intake-port must be two different ports, 1-65535", run.errLines()[0]);
  }

  @Test
  void demo_intakePortTaken_oneLineExit2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of("demo", "--relay-port", String.valueOf(freePort()), "--intake-port",
          String.valueOf(taken.getLocalPort()));
      assertEquals(2, run.exit(), run.err());
      assertEquals("Error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + " (address in use); choose another port with --intake-port", run.errLines()[0]);
    }
  }

  @Test
  void demo_relayPortTaken_namesTheAddressAndTheFlag() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of("demo", "--relay-port", String.valueOf(taken.getLocalPort()), "--intake-port",
          String.valueOf(freePort()));
      assertEquals(2, run.exit(), run.err());
      assertEquals("Error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + " (address in use); choose another port with --relay-port", run.errLines()[0]);
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
