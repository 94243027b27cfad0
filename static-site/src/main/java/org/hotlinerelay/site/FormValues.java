// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.util.List;
import java.util.Map;

/**
 * What the reporter typed, field by field, to be put back (escaped) on a 422 page. Only
 * {@link Form#ALLOWED} fields; {@link #toString()} never prints values.
 */
public record FormValues(Map<String, List<String>> values) {
  public FormValues {
    values = Map.copyOf(values);
  }

  public static FormValues empty() {
    return new FormValues(Map.of());
  }

  /** The first value of a field, or "". */
  public String first(String field) {
    List<String> v = values.get(field);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /** All values of a field (for {@link Form#URL}). */
  public List<String> all(String field) {
    return values.getOrDefault(field, List.of());
  }

  @Override
  public String toString() {
    return "FormValues[redacted]";
  }
}
