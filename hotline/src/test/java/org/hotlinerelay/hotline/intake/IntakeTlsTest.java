// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeTlsTest {
  @TempDir Path temp;

  @Test
  void start_withPkcs12Keystore_servesTlsOnly() throws Exception {
    Path keystore = temp.resolve("intake.p12");
    String password = "test-keystore-password";
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "intake", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", password, "-keypass", password)
        .redirectErrorStream(true).start();
    keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertEquals(0, keytool.waitFor());

    IntakeFixture fx = new IntakeFixture(temp);
    IntakeConfig config = IntakeConfig.loopback(fx.inbox, fx.knownRelays)
        .withTls(new IntakeConfig.Tls(keystore, password.toCharArray()));
    try (IntakeServer server = IntakeServer.start(config)) {
      HttpClient tls = HttpClient.newBuilder().sslContext(trusting(keystore, password)).build();
      HttpRequest post = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + EnvelopeBatch.PATH))
          .header("Content-Type", EnvelopeBatch.MEDIA_TYPE)
          .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeBatch.join(List.of(EnvelopeBinary.encode(fx.envelope())))))
          .build();
      assertEquals("{\"results\":[201]}", tls.send(post, HttpResponse.BodyHandlers.ofString()).body());
      assertEquals(1, fx.storedFiles());
      // Plain HTTP on the TLS port gets no envelope in.
      assertThrows(java.io.IOException.class, () -> fx.postOne(server, fx.envelope()));
      assertEquals(1, fx.storedFiles());
    }
    assertThrows(IntakeStartException.class, () -> IntakeServer.start(IntakeConfig.loopback(temp.resolve("i2"), fx.knownRelays)
        .withTls(new IntakeConfig.Tls(keystore, "wrong".toCharArray()))));
  }

  private static SSLContext trusting(Path keystore, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password.toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
