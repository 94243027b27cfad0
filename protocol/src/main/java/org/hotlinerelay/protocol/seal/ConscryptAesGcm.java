package org.hotlinerelay.protocol.seal;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * A JCA provider with one service: Conscrypt's native {@code AES/GCM/NoPadding}. Tink's AES-GCM
 * (inside HPKE, and in the private key file) asks the JVM for that cipher by name, in provider
 * order; installed first, this hands it BoringSSL's AES-GCM instead of the JDK's, whose GHASH is
 * fast only once C2 has compiled it (under load on two cores that took minutes, and the relay
 * spent 44% of its time in the interpreted GHASH meanwhile).
 *
 * <p>Only this one algorithm moves. Putting all of Conscrypt first would also change the JVM's
 * default TLS, trust store handling, X.509 parsing and {@code SecureRandom}; those stay with the
 * JDK ({@code X25519ImplementationTest#install_movesOnlyAesGcm}).
 */
final class ConscryptAesGcm extends Provider {
  static final String NAME = "HotlineRelay-ConscryptAesGcm";
  static final String TRANSFORMATION = "AES/GCM/NoPadding";

  ConscryptAesGcm(Provider conscrypt) throws NoSuchAlgorithmException {
    super(NAME, "1", "Conscrypt's AES/GCM/NoPadding, and nothing else");
    Service target = conscrypt.getService("Cipher", TRANSFORMATION);
    if (target == null) {
      throw new NoSuchAlgorithmException("Conscrypt has no " + TRANSFORMATION);
    }
    putService(new Delegate(this, target));
  }

  /** Creates Conscrypt's cipher when the JCA asks this provider for one. */
  private static final class Delegate extends Service {
    private final Service target;

    Delegate(Provider owner, Service target) {
      super(owner, "Cipher", TRANSFORMATION, target.getClassName(), List.of(), Map.of());
      this.target = target;
    }

    @Override
    public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
      return target.newInstance(parameter);
    }

    @Override
    public boolean supportsParameter(Object parameter) {
      return target.supportsParameter(parameter);
    }
  }
}
