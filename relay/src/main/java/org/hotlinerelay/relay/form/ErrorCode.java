package org.hotlinerelay.relay.form;

import java.util.Arrays;
import java.util.List;

/**
 * Every problem the relay can name on a 422 page: the one list of codes, shared with the portal's
 * messages ({@code error.<code>} in each language's properties file must exist for every code;
 * {@code ErrorCodeTest} checks the default language).
 */
public enum ErrorCode {
  URL_REQUIRED("url.required"),
  URL_INVALID("url.invalid"),
  URL_TOO_LONG("url.tooLong"),
  URL_TOO_MANY("url.tooMany"),
  KIND_REQUIRED("kind.required"),
  KIND_INVALID("kind.invalid"),
  LOCATION_TOO_LONG("location.tooLong"),
  HOW_FOUND_TOO_LONG("howFound.tooLong"),
  DETAILS_TOO_LONG("details.tooLong"),
  CONTACT_REQUIRED("contact.required"),
  CONTACT_NAME_TOO_LONG("contact.name.tooLong"),
  CONTACT_EMAIL_TOO_LONG("contact.email.tooLong"),
  CONTACT_EMAIL_INVALID("contact.email.invalid"),
  CONTACT_PHONE_TOO_LONG("contact.phone.tooLong"),
  CONTACT_PHONE_INVALID("contact.phone.invalid"),
  PORTAL_UNKNOWN("portal.unknown");

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
