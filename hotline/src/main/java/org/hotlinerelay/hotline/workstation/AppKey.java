// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import java.util.Locale;
import org.hotlinerelay.protocol.report.InApp;

/**
 * The form of "where in an app" used for matching ("seen before", duplicate groups), never for
 * display or export: the report keeps the app and identifier exactly as typed, as evidence. Both
 * values are trimmed of surrounding white space and lower-cased ({@link Locale#ROOT}), so
 * {@code Telegram / @SomeChannel} and {@code telegram / @somechannel } name the same place
 * ({@code AppKeyTest}). Nothing else is changed: a leading {@code @} or a link form of the same
 * account is a different key, since what identifies an account differs from app to app.
 *
 * @param app the app or service, normalised as above
 * @param identifier the account, group or post, normalised as above
 */
record AppKey(String app, String identifier) {
  static AppKey of(InApp inApp) {
    return new AppKey(inApp.app().strip().toLowerCase(Locale.ROOT), inApp.identifier().strip().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "AppKey[redacted]";
  }
}
