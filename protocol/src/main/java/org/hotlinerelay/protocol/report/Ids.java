// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random 128-bit identifiers, 32 lower-case hex digits. They carry no time and no order. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** True for a string of the form {@link #random()} makes. */
  public static boolean isValid(String id) {
    return id != null && Fields.ID.matcher(id).matches();
  }
}
