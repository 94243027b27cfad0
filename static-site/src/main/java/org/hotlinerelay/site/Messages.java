// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every string the pages show, per language, from {@code site/messages/<lang>.properties} (UTF-8).
 * Templates hold no text. {@code MessagesTest} proves every language has exactly English's keys.
 */
final class Messages {
  private final Map<String, Map<String, String>> byLanguage;

  private Messages(Map<String, Map<String, String>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  /** Loads every language in {@link Languages#ALL}; a missing file is a build bug and fails here. */
  static Messages load() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (String lang : Languages.ALL) {
      all.put(lang, read("site/messages/" + lang + ".properties"));
    }
    return new Messages(Map.copyOf(all));
  }

  boolean has(String lang) {
    return lang != null && byLanguage.containsKey(lang);
  }

  /** All keys and strings of one language (English when the language is unknown). */
  Map<String, String> all(String lang) {
    return byLanguage.getOrDefault(lang, byLanguage.get(Languages.DEFAULT));
  }

  /** One string; falls back to English, then to the key itself (never null, never a failure). */
  String get(String lang, String key) {
    String value = all(lang).get(key);
    if (value == null) {
      value = byLanguage.get(Languages.DEFAULT).get(key);
    }
    return value != null ? value : key;
  }

  boolean isRightToLeft(String lang) {
    return "rtl".equals(get(lang, "dir"));
  }

  private static Map<String, String> read(String path) {
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> map = new TreeMap<>();
      p.forEach((k, v) -> map.put(k.toString(), v.toString()));
      return Map.copyOf(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
