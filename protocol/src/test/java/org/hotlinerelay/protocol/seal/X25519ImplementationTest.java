package org.hotlinerelay.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.crypto.tink.KeysetHandle;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.CertificateFactory;
import java.util.concurrent.CompletableFuture;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class X25519ImplementationTest {
  @BeforeAll
  static void install() {
    // Linux x86-64 (here and in CI): Conscrypt's native library loads.
    assertEquals(X25519Implementation.CONSCRYPT, X25519Implementation.install());
  }

  @Test
  void install_servesAesGcmFromConscrypt() throws Exception {
    assertEquals(ConscryptAesGcm.NAME, Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
    assertEquals("conscrypt", X25519Implementation.aesGcmLabel());
  }

  @Test
  void install_movesOnlyAesGcm() throws Exception {
    assertEquals("SunJSSE", SSLContext.getDefault().getProvider().getName());
    assertEquals("SunJSSE", SSLContext.getInstance("TLS").getProvider().getName());
    assertEquals("SunJSSE", TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).getProvider().getName());
    assertEquals("SunJSSE", KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).getProvider().getName());
    assertEquals("SUN", CertificateFactory.getInstance("X.509").getProvider().getName());
    assertEquals("SUN", MessageDigest.getInstance("SHA-256").getProvider().getName());
    assertEquals("SunJCE", Mac.getInstance("HmacSHA256").getProvider().getName());
    assertEquals("SunJCE", Cipher.getInstance("AES/CTR/NoPadding").getProvider().getName());
    assertNotEquals("Conscrypt", new SecureRandom().getProvider().getName());
  }

  @Test
  void sealedWithConscryptsAesGcm_opensWithTheJdks() throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    Report report = TestReports.typical();
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(report);
    java.security.Provider first = Security.getProvider(ConscryptAesGcm.NAME);
    Security.removeProvider(ConscryptAesGcm.NAME);
    try {
      // Tink keeps one cipher per thread, made on first use: a new thread gets the JDK's.
      CompletableFuture<Report> opened = new CompletableFuture<>();
      Thread thread = new Thread(() -> {
        try {
          assertEquals("java", X25519Implementation.aesGcmLabel());
          opened.complete(Opener.create(hotline).open(sealed));
        } catch (Throwable e) {
          opened.completeExceptionally(e);
        }
      });
      thread.start();
      assertEquals(report, opened.get());
    } finally {
      Security.insertProviderAt(first, 1);
    }
  }
}
