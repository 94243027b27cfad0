// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

import java.util.regex.Pattern;

/** Field checks shared by {@link Report} and {@link Contact}. Messages name fields, never values. */
final class Fields {
  static final Pattern PORTAL_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0," + (Limits.PORTAL_ID_MAX - 1) + "})");
  static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(?:-[A-Z]{2})?");
  static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  static final Pattern HOUR = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:00Z");

  private Fields() {}

  /** Non-null, at most {@code max} UTF-16 code units, already clean (NFC, no control characters). */
  static String bounded(String field, String value, int max) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + ": too long");
    }
    if (!TextNormaliser.isClean(value, true)) {
      throw new IllegalArgumentException(field + ": not normalised");
    }
    return value;
  }

  static String matching(String field, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(field + ": invalid");
    }
    return value;
  }
}
