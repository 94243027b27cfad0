// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import static org.hotlinerelay.cli.InboxCliTest.assertError;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code intake}: every way it refuses to start, with its exit code and one line. */
class IntakeCliTest {
  @TempDir Path temp;

  @Test
  void errors_eachClassItsExitCodeAndLine() throws Exception {
    Path relays = Files.createDirectories(temp.resolve("relays"));
    Path empty = Files.createDirectories(temp.resolve("empty"));
    Files.write(relays.resolve("relay-one.public.json"), TestKeys.relayPublic("one", TestKeys.relaySigning()).toJson());
    String inbox = temp.resolve("inbox").toString();
    String missing = temp.resolve("missing").toString();
    assertError(2, "Error: known relays folder not found: " + missing
        + "; create it and put each relay's relay-<id>.public.json in it (--known-relays)",
        "intake", "--inbox", inbox, "--known-relays", missing, "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0");
    assertError(2, "Error: no relay-<id>.public.json file in " + empty + "; add one per relay: a relay"
        + " writes it beside its signing key at first start, or 'keys relay-signing' makes one",
        "intake", "--inbox", inbox, "--known-relays", empty.toString(), "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0");
    Files.writeString(empty.resolve("relay-x.public.json"), "{}");
    assertError(2, "Error: not a relay public key file: " + empty.resolve("relay-x.public.json"),
        "intake", "--inbox", inbox, "--known-relays", empty.toString(), "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0");
    assertError(1, "Error: plain HTTP only on a loopback address; give a TLS keystore to listen on another address",
        "intake", "--listen", "0.0.0.0:8081", "--inbox", inbox, "--known-relays", relays.toString());
    assertError(1, "Error: --tls-keystore and --tls-keystore-password-file go together",
        "intake", "--tls-keystore", missing, "--inbox", inbox, "--known-relays", relays.toString());
    Path password = temp.resolve("pw");
    Files.writeString(password, "secret\n");
    assertError(2, "Error: cannot use the TLS keystore " + missing + " (missing, not PKCS12, or wrong password)",
        "intake", "--tls-keystore", missing, "--tls-keystore-password-file", password.toString(),
        "--inbox", inbox, "--known-relays", relays.toString(), "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0");
    assertError(1, "Error: --listen must be HOST:PORT with a port 0-65535, e.g. 127.0.0.1:8081",
        "intake", "--listen", "127.0.0.1:70000", "--inbox", inbox, "--known-relays", relays.toString());
    assertError(1, "Error: --listen must be HOST:PORT with a port 0-65535, e.g. 127.0.0.1:8081",
        "intake", "--listen", "eighty");
    assertError(1, "Error: --admin must be on 127.0.0.1: health and metrics stay on loopback",
        "intake", "--admin", "0.0.0.0:9091", "--inbox", inbox, "--known-relays", relays.toString());
    assertError(1, "Error: Unknown options: '--port', '8081'", "intake", "--port", "8081");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertError(2, "Error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
              + " (address in use); choose another with --listen",
          "intake", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--admin", "127.0.0.1:0",
          "--inbox", inbox, "--known-relays", relays.toString());
      assertError(2, "Error: cannot listen on 127.0.0.1:" + taken.getLocalPort()
              + " (address in use); choose another with --admin",
          "intake", "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:" + taken.getLocalPort(),
          "--inbox", inbox, "--known-relays", relays.toString());
    }
  }

  @Test
  void help_showsEveryDefault() {
    String help = CliRun.of("intake", "--help").out().replaceAll("\\s+", " ");
    for (String expected : new String[] {"(HOTLINE_RELAY_INTAKE_LISTEN, default: 127.0.0.1:8081).",
        "(HOTLINE_RELAY_INTAKE_ADMIN, default: 127.0.0.1:9091).",
        "(HOTLINE_RELAY_INTAKE_KNOWN_RELAYS, default: known-relays).",
        "(HOTLINE_RELAY_INTAKE_RETRY_AFTER, default: 30).", "(HOTLINE_RELAY_INTAKE_MAX_ENVELOPES, default: 1000000)."}) {
      org.junit.jupiter.api.Assertions.assertTrue(help.contains(expected), expected + "\n" + help);
    }
  }
}
