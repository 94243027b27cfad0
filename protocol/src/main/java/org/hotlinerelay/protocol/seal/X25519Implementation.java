package org.hotlinerelay.protocol.seal;

import java.security.Provider;
import java.security.Security;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which X25519 code Tink's HPKE uses, and where its AES-GCM comes from. Tink picks Conscrypt's
 * native X25519 when a provider named "Conscrypt" is installed (about four times faster here; see
 * README's benchmark) and its own pure Java code otherwise. Tink's AES-GCM comes from the first
 * JCA provider that has it. {@link #install()} installs Conscrypt at the lowest priority (for
 * X25519) and {@link ConscryptAesGcm} first (Conscrypt's AES-GCM and nothing else), so the JDK keeps
 * TLS, {@code SecureRandom} and every other default; where the native library cannot load it
 * falls back quietly to pure Java. Call it once, before any {@link Sealer} or {@link Opener} is
 * made (Tink keeps one cipher per thread).
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
        if (Security.getProvider(ConscryptAesGcm.NAME) == null) {
          Security.insertProviderAt(new ConscryptAesGcm(Security.getProvider("Conscrypt")), 1);
        }
        result = CONSCRYPT;
      } catch (Throwable nativeLibraryDidNotLoad) {
        result = PURE_JAVA;
      }
    }
    INSTALLED.set(result);
    return result;
  }

  /**
   * Which AES-GCM Tink gets now: {@code conscrypt} or {@code java} (the JDK's). Reads the JCA's
   * choice, so a test can check what really serves the cipher.
   */
  static String aesGcmLabel() {
    try {
      String provider = javax.crypto.Cipher.getInstance(ConscryptAesGcm.TRANSFORMATION).getProvider().getName();
      return provider.equals(ConscryptAesGcm.NAME) || provider.equals("Conscrypt") ? "conscrypt" : "java";
    } catch (java.security.GeneralSecurityException e) {
      return "none";
    }
  }

  /** What is in use now, without installing anything. */
  public static X25519Implementation current() {
    return Security.getProvider("Conscrypt") != null ? CONSCRYPT : PURE_JAVA;
  }
}
