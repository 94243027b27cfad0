// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.util.Arrays;
import java.util.Optional;

/** Where a report stands in the analyst's queue. */
public enum TriageState {
  NEW("new", "New"),
  IN_ASSESSMENT("in-assessment", "In assessment"),
  ACTIONED("actioned", "Actioned"),
  NOT_ACTIONABLE("not-actionable", "Not actionable"),
  DUPLICATE("duplicate", "Duplicate");

  private final String value;
  private final String label;

  TriageState(String value, String label) {
    this.value = value;
    this.label = label;
  }

  /** The form, URL and export value. */
  public String value() {
    return value;
  }

  public String label() {
    return label;
  }

  public static Optional<TriageState> of(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }
}
