package org.hotlinerelay.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.crypto.tink.KeysetHandle;
import java.security.Security;
import java.util.Set;
import org.hotlinerelay.protocol.seal.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The benchmark's safeguard must tell the two implementations apart, or its labels mean nothing. */
class X25519ProbeTest {
  @Test
  void implementationsIn_seesWhichX25519ThePrimitiveHolds() throws Exception {
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    Security.removeProvider("Conscrypt");
    try {
      assertEquals(Set.of(X25519Probe.PURE_JAVA), X25519Probe.implementationsIn(Sealer.create(TestKeys.publicOf(hotline))));
      assertEquals(Set.of(X25519Probe.PURE_JAVA), X25519Probe.implementationsIn(Opener.create(hotline)));

      java.security.Provider conscrypt;
      try {
        conscrypt = org.conscrypt.Conscrypt.newProvider();
      } catch (Throwable nativeLibraryDidNotLoad) {
        Assumptions.abort("Conscrypt's native library does not load here");
        return;
      }
      Security.addProvider(conscrypt);
      assertEquals(Set.of(X25519Probe.CONSCRYPT), X25519Probe.implementationsIn(Sealer.create(TestKeys.publicOf(hotline))));
      assertEquals(Set.of(X25519Probe.CONSCRYPT), X25519Probe.implementationsIn(Opener.create(hotline)));
    } finally {
      Security.removeProvider("Conscrypt");
    }
  }
}
