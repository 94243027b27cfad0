// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import java.util.List;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.site.FieldError;
import org.hotlinerelay.site.FormValues;

/** What a form POST amounts to once validated. {@code toString()} never prints field values. */
public sealed interface Submission {
  /** The language the answer is given in (the form's, or the default when unknown). */
  String lang();

  /**
   * The honeypot was filled: answer as if received, keep nothing.
   *
   * @param portal the form's portal id when allowed (its thank-you page is the answer), else ""
   */
  record Trap(String lang, String portal) implements Submission {}

  /** Ready to seal. */
  record Valid(String lang, Report report) implements Submission {
    @Override
    public String toString() {
      return "Valid[redacted]";
    }
  }

  /**
   * Problems to show on a 422 page, with what the reporter typed.
   *
   * @param portal the portal id to keep in the form, or "" when it was unknown
   */
  record Invalid(String lang, String portal, FormValues values, List<FieldError> errors) implements Submission {
    public Invalid {
      errors = List.copyOf(errors);
    }

    @Override
    public String toString() {
      return "Invalid[" + errors.size() + " problems]";
    }
  }
}
