// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.form;

import java.util.Arrays;
import java.util.List;

/**
 * Every problem the relay can name on a 422 page: the one list of codes. Each is a message key
 * {@code error.<code>} that every language's messages of the portal must define (the site's own
 * tests check that against this list; {@code ErrorCodeTest} checks the list is well-formed).
 */
public enum ErrorCode {
  URL_REQUIRED("url.required"),
  URL_INVALID("url.invalid"),
  /** An address holding an invisible or bidirectional control character: refused, never cleaned. */
  URL_INVISIBLE("url.invisible"),
  URL_TOO_LONG("url.tooLong"),
  URL_TOO_MANY("url.tooMany"),
  /** The account was given without the app (or the app without the account), and no address. */
  APP_REQUIRED("app.required"),
  APP_IDENTIFIER_REQUIRED("appIdentifier.required"),
  APP_TOO_LONG("app.tooLong"),
  APP_IDENTIFIER_TOO_LONG("appIdentifier.tooLong"),
  KIND_REQUIRED("kind.required"),
  KIND_INVALID("kind.invalid"),
  LOCATION_TOO_LONG("location.tooLong"),
  HOW_FOUND_TOO_LONG("howFound.tooLong"),
  DETAILS_TOO_LONG("details.tooLong"),
  CONTACT_REQUIRED("contact.required"),
  /** Contact details typed but the opt-in left unticked: the reporter must choose. */
  CONTACT_OPT_IN_MISSING("contact.optInMissing"),
  CONTACT_NAME_TOO_LONG("contact.name.tooLong"),
  CONTACT_EMAIL_TOO_LONG("contact.email.tooLong"),
  CONTACT_EMAIL_INVALID("contact.email.invalid"),
  CONTACT_PHONE_TOO_LONG("contact.phone.tooLong"),
  CONTACT_PHONE_INVALID("contact.phone.invalid"),
  PORTAL_UNKNOWN("portal.unknown"),
  /** A text answer holding a control character a report cannot keep: refused, never removed. */
  TEXT_CONTROL("text.control");

  private final String code;

  ErrorCode(String code) {
    this.code = code;
  }

  /** The message key without its {@code error.} prefix. */
  public String code() {
    return code;
  }

  /** Every code, in form order. */
  public static List<String> all() {
    return Arrays.stream(values()).map(ErrorCode::code).toList();
  }
}
