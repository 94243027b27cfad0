// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.util.Arrays;
import java.util.Optional;

/** What kind of content the reporter saw. The wire value is the lower-case name. */
public enum ContentKind {
  IMAGES,
  VIDEOS,
  BOTH,
  OTHER;

  /** The value used in forms and in the report's JSON. */
  public String wireValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The kind with this wire value, if any. */
  public static Optional<ContentKind> fromWire(String value) {
    return Arrays.stream(values()).filter(k -> k.wireValue().equals(value)).findFirst();
  }
}
