// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

/**
 * One text field as the {@code field} partial draws it: label, hint, the reporter's value (escaped
 * by the template engine), {@code maxlength} from {@code Limits}, and the error beside it.
 *
 * @param rows 0 for a one-line input, otherwise a textarea of this many rows
 * @param error the message shown beside the field, or ""
 */
record FieldView(String id, String name, String label, String hint, String value, int max,
    String type, String inputmode, String autocomplete, boolean required, int rows, String error) {

  /** The ids of the hint and error, for {@code aria-describedby}; "" when there are none. */
  public String describedBy() {
    StringBuilder sb = new StringBuilder();
    if (!hint.isEmpty()) {
      sb.append(id).append("-hint");
    }
    if (!error.isEmpty()) {
      sb.append(sb.length() > 0 ? " " : "").append(id).append("-error");
    }
    return sb.toString();
  }
}
