// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.keys;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A short, stable fingerprint of a public keyset: the first 128 bits of SHA-256 over the keyset's
 * binary Tink serialization (without secrets), as eight groups of four hex digits
 * ({@code 3f2a-91bc-…}). Relays pin it; any change to the keyset (a rotation included) changes it.
 */
public final class Fingerprint {
  private Fingerprint() {}

  static String of(byte[] serializedPublicKeyset) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(serializedPublicKeyset);
      String hex = HexFormat.of().formatHex(digest, 0, 16);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < hex.length(); i += 4) {
        if (i > 0) {
          out.append('-');
        }
        out.append(hex, i, i + 4);
      }
      return out.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** Canonical form of a fingerprint as typed by a person: hex digits only, lower case. */
  public static String normalise(String typed) {
    return typed.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
  }

  /** True when two fingerprints are the same, whatever their separators or case. */
  public static boolean matches(String a, String b) {
    String na = normalise(a);
    return na.length() == 32 && MessageDigest.isEqual(na.getBytes(), normalise(b).getBytes());
  }
}
