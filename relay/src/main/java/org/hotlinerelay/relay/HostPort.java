// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host and port as an operator types it: {@code 127.0.0.1:8080}, {@code [::1]:8080},
 * {@code localhost:9050}. Port 0 means "any free port" (tests).
 */
public record HostPort(String host, int port) {
  private static final Pattern FORM = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

  public HostPort {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("host missing");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  /** Parses {@code host:port}; the message of the exception names the expected form only. */
  public static HostPort parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected host:port, e.g. 127.0.0.1:8080");
    }
    String host = m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host, Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
