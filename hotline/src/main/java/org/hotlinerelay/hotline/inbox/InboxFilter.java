// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which reports {@code inbox list} shows.
 *
 * @param sinceHour earliest received hour ({@code 2026-11-28T16:00Z}), or {@code null} for all
 * @param portal only this portal id (in either case), or {@code null} for all
 * @param unreadOnly only reports never shown
 */
public record InboxFilter(String sinceHour, String portal, boolean unreadOnly) {
  public static final InboxFilter ALL = new InboxFilter(null, null, false);
  private static final Pattern HOUR = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})T(\\d{2})(?::00)?Z?");

  public boolean matches(InboxEntry e) {
    return (sinceHour == null || e.report().receivedHour().compareTo(sinceHour) >= 0)
        && (portal == null || portal.equalsIgnoreCase(e.report().portal()))
        && (!unreadOnly || !e.read());
  }

  /**
   * A {@code --since} value as a received-hour stamp: a date ({@code 2026-11-28}, from its first
   * hour) or an hour ({@code 2026-11-28T16:00Z}, {@code 2026-11-28T16}).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static String parseSince(String value) {
    try {
      Matcher m = HOUR.matcher(value);
      if (m.matches()) {
        LocalDate.parse(m.group(1));
        int hour = Integer.parseInt(m.group(2));
        if (hour > 23) {
          throw new IllegalArgumentException("hour");
        }
        return m.group(1) + "T" + m.group(2) + ":00Z";
      }
      return LocalDate.parse(value) + "T00:00Z";
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date");
    }
  }
}
