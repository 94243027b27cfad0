// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotlinerelay.hotline.inbox.InboxFilter;
import org.hotlinerelay.hotline.workstation.Query;

/**
 * The queue's search form, read from request parameters: {@code address, from, to, portal,
 * language, kind, state, analyst}. A bad date is named in {@link #error} and that bound ignored,
 * never a failure.
 */
record Filters(Map<String, String> values, Query query, String error) {
  static final List<String> NAMES = List.of("address", "from", "to", "portal", "language", "kind", "state", "analyst");

  static Filters of(Map<String, List<String>> params) {
    Map<String, String> v = new LinkedHashMap<>();
    for (String name : NAMES) {
      String value = Routes.first(params, name).strip();
      v.put(name, value.length() > 500 ? value.substring(0, 500) : value);
    }
    String error = "";
    String from = "";
    String to = "";
    try {
      from = v.get("from").isEmpty() ? "" : InboxFilter.parseSince(v.get("from"));
      to = v.get("to").isEmpty() ? "" : v.get("to").length() == 10 ? InboxFilter.parseSince(v.get("to")).replace("T00:00Z", "T23:00Z")
          : InboxFilter.parseSince(v.get("to"));
    } catch (IllegalArgumentException e) {
      error = "Dates must look like 2026-11-28 or 2026-11-28T16:00Z.";
      from = "";
      to = "";
    }
    Query q = new Query(v.get("address"), from, to, v.get("portal"), v.get("language"), v.get("kind"), v.get("state"),
        v.get("analyst"));
    return new Filters(v, q, error);
  }

  /** The filters as a query string ({@code address=...&...}), empty values left out. */
  String queryString() {
    StringBuilder out = new StringBuilder();
    values.forEach((k, val) -> {
      if (!val.isEmpty()) {
        out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(val, StandardCharsets.UTF_8));
      }
    });
    return out.toString();
  }

  /** The filters as hidden form fields ({@code name}, {@code value}). */
  List<Map<String, String>> hidden() {
    return values.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList();
  }
}
