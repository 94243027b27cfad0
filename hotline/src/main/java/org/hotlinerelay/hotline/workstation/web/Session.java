// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one browser session: a one-time unlock token (from the printed link), the session cookie
 * value it trades for, and the CSRF token every form carries. All random, 256 bits, compared in
 * constant time. {@link #toString()} prints none of them.
 */
final class Session {
  static final String COOKIE = "hr-session";
  private final String unlockToken;
  private final String cookie;
  private final String csrf;
  private final AtomicBoolean unlockUsed = new AtomicBoolean();

  Session(String unlockToken, String cookie, String csrf) {
    this.unlockToken = unlockToken;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  /** True once, for the right token: the link works a single time. */
  boolean unlock(String token) {
    return same(token, unlockToken) && unlockUsed.compareAndSet(false, true);
  }

  String cookieValue() {
    return cookie;
  }

  boolean validCookie(String value) {
    return same(value, cookie);
  }

  String csrf() {
    return csrf;
  }

  boolean validCsrf(String value) {
    return same(value, csrf);
  }

  private static boolean same(String a, String b) {
    return a != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "Session[redacted]";
  }
}
