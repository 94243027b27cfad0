// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workstation's access keys: one letter per action, pressed with the browser's access-key
 * modifier, so the main actions need no mouse and no JavaScript. Templates read a letter as
 * {@code {{key.next}}}; the keys page lists this enum. Letters are distinct, so one letter means
 * one action on every page, and no page can carry a letter twice
 * ({@code WorkstationServerTest#accessKeys_uniqueOnEveryPage_andExactlyTheListedOnes}). D, E and F
 * are left to the browsers, which use them for their address bar and menus.
 */
enum AccessKey {
  QUEUE('q', "Queue: every report", "every page"),
  EXPORT('x', "Export page", "every page"),
  KEYS('k', "This list of keys", "every page"),
  SEARCH('s', "The search box (address, host or app)", "the queue"),
  BACK('b', "Back to the search the report was opened from", "a report"),
  NEXT('n', "Next report in that search", "a report"),
  PREVIOUS('p', "Previous report in that search", "a report"),
  IN_ASSESSMENT('i', "Mark it in assessment", "a report"),
  ACTIONED('a', "Mark it actioned", "a report"),
  NOT_ACTIONABLE('u', "Mark it not actionable", "a report"),
  STATE('t', "The state field (any state, and duplicate of)", "a report"),
  NOTE('o', "The note field", "a report"),
  GROUP('g', "Mark the reports with the same address or app account as duplicates of it", "a report that has such reports");

  /** How the modifier differs between browsers, said once for every page. */
  static final String MODIFIER = "Press the letter with your browser's access-key modifier: Alt+Shift in Firefox, "
      + "Alt in Chrome and Edge on Windows and Linux, Control+Option in Safari and Chrome on a Mac.";
  /** What templates read as {@code key}: the action's name in lower case to its letter. */
  static final Map<String, String> LETTERS = letters();

  private final char letter;
  private final String action;
  private final String where;

  AccessKey(char letter, String action, String where) {
    this.letter = letter;
    this.action = action;
    this.where = where;
  }

  char letter() {
    return letter;
  }

  /** The keys page's rows: key (upper case, as browsers show it), action, where it works. */
  static List<Map<String, String>> rows() {
    return List.of(values()).stream().map(k -> Map.of("key", String.valueOf(Character.toUpperCase(k.letter)),
        "action", k.action, "where", k.where)).toList();
  }

  private static Map<String, String> letters() {
    Map<String, String> out = new LinkedHashMap<>();
    for (AccessKey k : values()) {
      out.put(k.name().toLowerCase(Locale.ROOT).replace("_", ""), String.valueOf(k.letter));
    }
    return Map.copyOf(out);
  }
}
