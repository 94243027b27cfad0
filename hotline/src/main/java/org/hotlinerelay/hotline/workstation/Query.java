// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.util.Locale;

/**
 * A search over the index: every non-empty field must match. Empty strings match everything.
 *
 * @param address a substring of an address as typed or of its normalised form, or of its host,
 *     or of the app or the account, group or post a report names (case-insensitive): one box
 *     for "where was it", as the queue's search form says
 * @param fromHour earliest received hour ({@code 2026-11-28T16:00Z}), inclusive
 * @param toHour latest received hour, inclusive
 * @param state a {@link TriageState#value()}
 * @param portal a portal id, whole; upper and lower case match alike here and in the next two
 * @param language a language code, whole
 * @param analyst the analyst who last set the state, whole
 */
public record Query(String address, String fromHour, String toHour, String portal, String language,
    String contentKind, String state, String analyst) {
  public static final Query ALL = new Query("", "", "", "", "", "", "", "");

  boolean matches(IndexEntry e, Triage t) {
    return (fromHour.isEmpty() || e.receivedHour().compareTo(fromHour) >= 0)
        && (toHour.isEmpty() || e.receivedHour().compareTo(toHour) <= 0)
        && (portal.isEmpty() || portal.equalsIgnoreCase(e.portal()))
        && (language.isEmpty() || language.equalsIgnoreCase(e.language()))
        && (contentKind.isEmpty() || contentKind.equals(e.contentKind().wireValue()))
        && (state.isEmpty() || state.equals(t.state().value()))
        && (analyst.isEmpty() || analyst.equalsIgnoreCase(t.analyst()))
        && (address.isEmpty() || addressMatches(e));
  }

  private boolean addressMatches(IndexEntry e) {
    String needle = address.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < e.urls().size(); i++) {
      if (e.urls().get(i).toLowerCase(Locale.ROOT).contains(needle) || e.keys().get(i).url().contains(needle)) {
        return true;
      }
    }
    return e.inApp() != null && (e.inApp().app().toLowerCase(Locale.ROOT).contains(needle)
        || e.inApp().identifier().toLowerCase(Locale.ROOT).contains(needle));
  }
}
