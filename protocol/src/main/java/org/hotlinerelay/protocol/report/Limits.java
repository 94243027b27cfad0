// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

/**
 * Every limit on a report, in one place. The relay's validation, the form's {@code maxlength}
 * attributes and the tests all read these constants, so they cannot drift apart.
 *
 * <p>Lengths are in UTF-16 code units after NFC ({@link String#length()}), which is what HTML's
 * {@code maxlength} counts: the server accepts exactly what the form lets a person type. A
 * character of the Basic Multilingual Plane is one unit and at most three UTF-8 bytes; one outside
 * it is two units and four bytes; the only escapes a report's JSON holds ({@code "}, {@code \\}, the
 * line break) are two bytes for one unit. So no unit costs more than three bytes of JSON, and the
 * padded plaintext size {@link #PADDED_PLAINTEXT_BYTES} holds the largest allowed report in that
 * worst case: every sealed report has the same size. {@code LimitsTest} computes that bound from
 * these limits, checks the cost of every code point of Unicode, and fills every field at its limit
 * from every plane. A field added here must be added to that bound.
 */
public final class Limits {
  /** Schema version written into every report and named in the sealing context. */
  public static final int SCHEMA_VERSION = 1;

  /** At least one address is required; at most this many. */
  public static final int MAX_URLS = 5;
  /** One web address. */
  public static final int URL_MAX = 500;
  /**
   * The app or service, when there is no web address (or besides them). With
   * {@link #APP_IDENTIFIER_MAX}, small enough that the worst case still fits
   * {@link #PADDED_PLAINTEXT_BYTES}.
   */
  public static final int APP_MAX = 40;
  /** What identifies the account, group, channel or post in that app. */
  public static final int APP_IDENTIFIER_MAX = 100;
  /** "Where on the page": free text. */
  public static final int LOCATION_MAX = 300;
  /** "How you came across it": free text, optional. */
  public static final int HOW_FOUND_MAX = 500;
  /** "Anything else": free text, optional. */
  public static final int DETAILS_MAX = 1500;
  /** Contact block (only if the reporter opts in). */
  public static final int CONTACT_NAME_MAX = 100;
  public static final int CONTACT_EMAIL_MAX = 254;
  public static final int CONTACT_PHONE_MAX = 40;
  /** Portal id: lower-case letters, digits and hyphens. */
  public static final int PORTAL_ID_MAX = 40;
  /** Language tag, e.g. {@code en} or {@code pt-BR}. */
  public static final int LANGUAGE_MAX = 8;

  /**
   * Bytes of plaintext that every report is padded to before sealing (length prefix included): the
   * largest report is at most 16,321 bytes of JSON (5,334 units at three bytes, and the names).
   */
  public static final int PADDED_PLAINTEXT_BYTES = 16 * 1024;

  /**
   * Largest form body the relay accepts, in bytes. A maximal report, percent-encoded at nine
   * bytes per unit (three UTF-8 bytes, each as %XX), plus field names and the honeypot, fits.
   */
  public static final int MAX_FORM_BYTES = 64 * 1024;

  /** Largest number of form parameters the relay parses. */
  public static final int MAX_FORM_PARAMETERS = 32;

  private Limits() {}
}
