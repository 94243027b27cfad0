// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Form bodies for tests. */
public final class Forms {
  public static final String URLENCODED = "application/x-www-form-urlencoded";

  private Forms() {}

  /** A body from name/value pairs, in order. */
  public static String encode(List<Map.Entry<String, String>> pairs) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> p : pairs) {
      parts.add(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }

  /** A minimal valid report form. */
  public static String valid() {
    return encode(List.of(Map.entry("portal", "default"), Map.entry("lang", "en"),
        Map.entry("url", "https://example.com/a"), Map.entry("kind", "images")));
  }
}
