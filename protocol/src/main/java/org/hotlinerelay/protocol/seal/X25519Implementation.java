package org.hotlinerelay.protocol.seal;

import java.security.Provider;
import java.security.Security;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which X25519 code Tink's HPKE uses. Tink picks Conscrypt's native X25519 when a provider named
 * "Conscrypt" is installed (about four times faster here; see README's benchmark) and its own pure
 * Java code otherwise. {@link #install()} installs Conscrypt at the lowest priority, so it serves
 * Tink without replacing the JDK's TLS or other defaults, and falls back quietly where the native
 * library cannot load. Call it once, before any {@link Sealer} or {@link Opener} is made.
 */
public enum X25519Implementation {
  CONSCRYPT("conscrypt"),
  PURE_JAVA("java");

  private static final AtomicReference<X25519Implementation> INSTALLED = new AtomicReference<>();

  private final String label;

  X25519Implementation(String label) {
    this.label = label;
  }

  /** A short label for start-up lines and metrics: {@code conscrypt} or {@code java}. */
  public String label() {
    return label;
  }

  /** Installs Conscrypt if it loads; returns what is in use. Idempotent. */
  public static synchronized X25519Implementation install() {
    if (INSTALLED.get() != null) {
      return INSTALLED.get();
    }
    X25519Implementation result = PURE_JAVA;
    if (!Boolean.getBoolean("hotlinerelay.noConscrypt")) {
      try {
        if (Security.getProvider("Conscrypt") == null) {
          Provider provider = org.conscrypt.Conscrypt.newProvider();
          Security.addProvider(provider);
        }
        result = CONSCRYPT;
      } catch (Throwable nativeLibraryDidNotLoad) {
        result = PURE_JAVA;
      }
    }
    INSTALLED.set(result);
    return result;
  }

  /** What is in use now, without installing anything. */
  public static X25519Implementation current() {
    return Security.getProvider("Conscrypt") != null ? CONSCRYPT : PURE_JAVA;
  }
}
