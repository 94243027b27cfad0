// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.util.List;

/**
 * The reporting form's field names: the contract between the pages and the relay. The relay keeps
 * only these fields; everything else in a POST is dropped unread.
 */
public final class Form {
  /** Web address(es); the field repeats, one value per address. Required unless the app is given. */
  public static final String URL = "url";
  /** The app or service where it was seen, when there is no web address (or besides them). */
  public static final String APP = "app";
  /** What identifies the account, group or post in that app; given with {@link #APP}. */
  public static final String APP_IDENTIFIER = "app_identifier";
  /** Kind of content: a {@code ContentKind} wire value. Required. */
  public static final String KIND = "kind";
  /** Where on the page. Optional. */
  public static final String LOCATION = "location";
  /** How the reporter came across it. Optional. */
  public static final String HOW_FOUND = "how_found";
  /** Anything else. Optional. */
  public static final String DETAILS = "details";
  /** Checkbox, value {@code yes}: the reporter chooses to give contact details. */
  public static final String CONTACT_OPT_IN = "contact_opt_in";
  public static final String CONTACT_NAME = "contact_name";
  public static final String CONTACT_EMAIL = "contact_email";
  public static final String CONTACT_PHONE = "contact_phone";
  /** Hidden: the portal the form belongs to. */
  public static final String PORTAL = "portal";
  /** Hidden: the language of the form. */
  public static final String LANG = "lang";
  /** Honeypot: hidden from people and assistive technology; bots fill it. */
  public static final String HONEYPOT = "website";

  /** Every field the relay reads, in form order. */
  public static final List<String> ALLOWED = List.of(URL, APP, APP_IDENTIFIER, KIND, LOCATION, HOW_FOUND, DETAILS,
      CONTACT_OPT_IN, CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, PORTAL, LANG, HONEYPOT);

  private Form() {}
}
