// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.report;

/**
 * Where the content was seen when there is no web address to give: the app or service
 * ({@code Telegram}, a game's chat) and what identifies the account, group, channel or post there
 * (a user name, a group's name, an invitation link). Both are given; what the reporter typed is
 * kept exactly. {@link #toString()} never prints the values.
 *
 * @param app the app or service, at most {@link Limits#APP_MAX} UTF-16 code units
 * @param identifier the account, group or post, at most {@link Limits#APP_IDENTIFIER_MAX} UTF-16 code units
 */
public record InApp(String app, String identifier) {
  public InApp {
    app = Fields.bounded("inApp.app", app, Limits.APP_MAX);
    identifier = Fields.bounded("inApp.identifier", identifier, Limits.APP_IDENTIFIER_MAX);
    if (app.isBlank() || identifier.isBlank()) {
      throw new IllegalArgumentException("inApp: app and identifier are both needed");
    }
  }

  @Override
  public String toString() {
    return "InApp[redacted]";
  }
}
