// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.testing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the JVM's security providers are, and which provider serves what everything else in the
 * process uses (TLS, AES-GCM, X25519, Ed25519 signatures, digests, randomness): for tests that
 * prove sealing, signing and opening change none of it. TEST-ONLY.
 */
public final class JvmProviders {
  private JvmProviders() {}

  /** The installed providers in order, then who serves each common service: "name version class" lines. */
  public static List<String> snapshot() throws GeneralSecurityException {
    List<String> lines = new ArrayList<>();
    for (Provider p : Security.getProviders()) {
      lines.add("provider " + p.getName() + " " + p.getVersionStr() + " " + p.getClass().getName());
    }
    lines.add("SSLContext.default " + SSLContext.getDefault().getProvider().getName());
    lines.add("SSLContext.TLS " + SSLContext.getInstance("TLS").getProvider().getName());
    lines.add("TrustManagerFactory " + TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).getProvider().getName());
    lines.add("Cipher.AES/GCM/NoPadding " + Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName());
    lines.add("Cipher.ChaCha20-Poly1305 " + Cipher.getInstance("ChaCha20-Poly1305").getProvider().getName());
    lines.add("KeyAgreement.X25519 " + KeyAgreement.getInstance("X25519").getProvider().getName());
    lines.add("Signature.Ed25519 " + java.security.Signature.getInstance("Ed25519").getProvider().getName());
    lines.add("Mac.HmacSHA256 " + Mac.getInstance("HmacSHA256").getProvider().getName());
    lines.add("MessageDigest.SHA-256 " + MessageDigest.getInstance("SHA-256").getProvider().getName());
    lines.add("SecureRandom " + new SecureRandom().getProvider().getName());
    lines.add("jdk.security.provider.preferred " + Security.getProperty("jdk.security.provider.preferred"));
    return lines;
  }

  /**
   * The provider names the JDK's {@code java.security} file configures, in order: the list a JVM
   * has when nothing in it added, removed or reordered a provider.
   */
  public static List<String> configuredNames() {
    List<String> names = new ArrayList<>();
    for (int i = 1; Security.getProperty("security.provider." + i) != null; i++) {
      String entry = Security.getProperty("security.provider." + i).trim();
      names.add(entry.split("\\s+")[0]);
    }
    return names;
  }

  /** The installed providers' names, in order. */
  public static List<String> installedNames() {
    List<String> names = new ArrayList<>();
    for (Provider p : Security.getProviders()) {
      names.add(p.getName());
    }
    return names;
  }
}
