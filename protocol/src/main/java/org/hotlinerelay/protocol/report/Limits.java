// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

/**
 * Every limit on a report, in one place. The relay's validation, the form's {@code maxlength}
 * attributes and the tests all read these constants, so they cannot drift apart.
 *
 * <p>Lengths are in Unicode code points (what a person counts), after NFC normalisation. The
 * padded plaintext size {@link #PADDED_PLAINTEXT_BYTES} is chosen so that the largest allowed
 * report, in the worst-case encoding (four UTF-8 bytes per code point: every character outside
 * the Basic Multilingual Plane), still fits: every sealed report therefore has the same size.
 * {@code LimitsTest} computes that bound from these limits, checks the cost of every code point of
 * Unicode, and fills every field at its limit from every plane. A field added here must be added
 * to that bound.
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
   * largest report is about 21,000 bytes of JSON (5,194 code points at four bytes, and the names).
   */
  public static final int PADDED_PLAINTEXT_BYTES = 24 * 1024;

  /**
   * Largest form body the relay accepts, in bytes. A maximal report, percent-encoded at twelve
   * bytes per code point (four UTF-8 bytes, each as %XX), plus field names and the honeypot, fits.
   */
  public static final int MAX_FORM_BYTES = 64 * 1024;

  /** Largest number of form parameters the relay parses. */
  public static final int MAX_FORM_PARAMETERS = 32;

  private Limits() {}
}
