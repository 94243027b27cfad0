// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.store.Quota;
import org.hotlinerelay.relay.spool.Spool;
import org.hotlinerelay.relay.testing.TestIntake;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to the hotline with a pinned CA: trusted when the server's chain ends there, refused otherwise. */
class ForwarderTlsTest {
  private static final String PASS = "test-only";
  @TempDir static Path keys;
  @TempDir Path dir;

  @BeforeAll
  static void makeCertificates() throws Exception {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test Hotline CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
    keytool("-exportcert", "-alias", "ca", "-rfc", "-file", "ca.pem", "-keystore", "ca.p12");
    keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Other CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", "other.p12");
    keytool("-exportcert", "-alias", "other", "-rfc", "-file", "other.pem", "-keystore", "other.p12");
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-validity", "2", "-keystore", "server.p12");
    keytool("-certreq", "-alias", "server", "-file", "server.csr", "-keystore", "server.p12");
    keytool("-gencert", "-alias", "ca", "-infile", "server.csr", "-outfile", "server.pem", "-rfc",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", "ca.p12");
    keytool("-importcert", "-alias", "ca", "-file", "ca.pem", "-noprompt", "-keystore", "server.p12");
    keytool("-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12");
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASS, "-keypass", PASS, "-storetype", "PKCS12"));
    Process p = new ProcessBuilder(command).directory(keys.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  private static SSLContext serverTls() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keys.resolve("server.p12"))) {
      store.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASS.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    return tls;
  }

  @Test
  void pinnedCa_deliversWhenServerChainsToIt() throws Exception {
    try (TestIntake intake = TestIntake.startTls(TestIntake.STORE_ALL, serverTls());
        Spool spool = new Spool(dir, new Quota(100, 1 << 24))) {
      Envelope e = ForwarderTest.envelope();
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(e, java.time.Instant.EPOCH));
      ForwarderConfig config = ForwarderTest.config(intake.url()).withPinnedCa(keys.resolve("ca.pem"));
      try (Forwarder forwarder = new Forwarder(spool, config, ForwarderTest.FAST, ForwarderTest.cover(dir)).start()) {
        ForwarderTest.await(() -> forwarder.forwarded() == 1);
        assertEquals(Set.of(e.id()), ForwarderTest.received(intake));
      }
    }
  }

  @Test
  void pinnedCa_refusesServerOfAnotherCaAndKeepsEnvelope() throws Exception {
    try (TestIntake intake = TestIntake.startTls(TestIntake.STORE_ALL, serverTls());
        Spool spool = new Spool(dir, new Quota(100, 1 << 24))) {
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(ForwarderTest.envelope(), java.time.Instant.EPOCH));
      ForwarderConfig config = ForwarderTest.config(intake.url()).withPinnedCa(keys.resolve("other.pem"))
          .withTimeout(Duration.ofSeconds(2));
      try (Forwarder forwarder = new Forwarder(spool, config, ForwarderTest.FAST, ForwarderTest.cover(dir)).start()) {
        ForwarderTest.await(() -> forwarder.failures() >= 2);
        assertEquals(null, intake.takeRequest(java.time.Duration.ZERO), "no request reached an untrusted server");
        assertEquals(1, spool.depth());
        assertEquals(0, forwarder.forwarded());
      }
    }
  }

  @Test
  void systemTrust_refusesSelfMadeCa() throws Exception {
    try (TestIntake intake = TestIntake.startTls(TestIntake.STORE_ALL, serverTls());
        Spool spool = new Spool(dir, new Quota(100, 1 << 24))) {
      org.hotlinerelay.protocol.store.DurableStore.await(spool.putAsync(ForwarderTest.envelope(), java.time.Instant.EPOCH));
      try (Forwarder forwarder = new Forwarder(spool, ForwarderTest.config(intake.url()), ForwarderTest.FAST, ForwarderTest.cover(dir)).start()) {
        ForwarderTest.await(() -> forwarder.failures() >= 2);
        assertEquals(null, intake.takeRequest(java.time.Duration.ZERO));
        assertEquals(1, spool.depth());
      }
    }
  }
}
