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
    assertError(2, "Error: known relays folder not found: " + missing,
        "intake", "--inbox", inbox, "--known-relays", missing, "--port", "0", "--admin-port", "0");
    assertError(2, "Error: no relay-<id>.public.json file in " + empty,
        "intake", "--inbox", inbox, "--known-relays", empty.toString(), "--port", "0", "--admin-port", "0");
    Files.writeString(empty.resolve("relay-x.public.json"), "{}");
    assertError(2, "Error: not a relay public key file: " + empty.resolve("relay-x.public.json"),
        "intake", "--inbox", inbox, "--known-relays", empty.toString(), "--port", "0", "--admin-port", "0");
    assertError(1, "Error: plain HTTP only on a loopback address; give a TLS keystore to listen on another address",
        "intake", "--host", "0.0.0.0", "--inbox", inbox, "--known-relays", relays.toString());
    assertError(1, "Error: --tls-keystore and --tls-keystore-password-file go together",
        "intake", "--tls-keystore", missing, "--inbox", inbox, "--known-relays", relays.toString());
    Path password = temp.resolve("pw");
    Files.writeString(password, "secret\n");
    assertError(2, "Error: cannot use the TLS keystore " + missing + " (missing, not PKCS12, or wrong password)",
        "intake", "--tls-keystore", missing, "--tls-keystore-password-file", password.toString(),
        "--inbox", inbox, "--known-relays", relays.toString(), "--port", "0", "--admin-port", "0");
    assertError(1, "Error: ports must be 0-65535",
        "intake", "--port", "70000", "--inbox", inbox, "--known-relays", relays.toString());
    assertError(1, "Error: Invalid value for option '--port': 'eighty' is not an int",
        "intake", "--port", "eighty");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertError(2, "Error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + " (address in use)",
          "intake", "--port", String.valueOf(taken.getLocalPort()), "--admin-port", "0",
          "--inbox", inbox, "--known-relays", relays.toString());
    }
  }

  @Test
  void help_showsEveryDefault() {
    CliRun run = CliRun.of("intake", "--help");
    for (String expected : new String[] {"Default: 127.0.0.1", "Default: 8081", "Default: 9091",
        "HOTLINE_RELAY_INTAKE_KNOWN_RELAYS", "Default: 30", "Default: 1000000"}) {
      org.junit.jupiter.api.Assertions.assertTrue(run.out().contains(expected), expected + "\n" + run.out());
    }
  }
}
