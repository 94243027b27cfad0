// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hotlinerelay.hotline.workstation.IndexEntry;
import org.hotlinerelay.hotline.workstation.Item;
import org.hotlinerelay.hotline.workstation.Triage;
import org.hotlinerelay.hotline.workstation.TriageState;
import org.hotlinerelay.protocol.report.ContentKind;

/**
 * The workstation's HTML: JMustache templates from this package's resources, every value
 * HTML-escaped by the template engine (no triple mustaches), report text passed through
 * {@link WebText} first. Also the view models the templates read.
 */
final class Pages {
  private static final String BASE = "org/hotlinerelay/hotline/workstation/web/";
  private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true).zeroIsFalse(true)
      .withLoader(name -> new InputStreamReader(resource(name + ".mustache"), StandardCharsets.UTF_8));
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  /** Renders template {@code name} over {@code model} and the access keys ({@code {{key.next}}}). */
  String render(String name, Map<String, Object> model) {
    Template t = templates.computeIfAbsent(name, n -> {
      try (InputStreamReader in = new InputStreamReader(resource(n + ".mustache"), StandardCharsets.UTF_8)) {
        return compiler.compile(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Map<String, Object> all = new HashMap<>(model);
    all.put("key", AccessKey.LETTERS);
    return t.execute(all);
  }

  static byte[] stylesheet() {
    try (InputStream in = resource("workstation.css")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = Pages.class.getClassLoader().getResourceAsStream(BASE + name);
    if (in == null) {
      throw new IllegalStateException("missing template " + name);
    }
    return in;
  }

  /**
   * One queue row. Where: the first address, or {@code app: <app> <identifier>} when the report
   * names none (as {@code inbox list} shows it); {@code more} counts the other addresses and the
   * app.
   */
  static Map<String, Object> row(Item item, int sameUrl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", item.envelopeId());
    m.put("shortId", item.envelopeId().substring(0, 8));
    m.put("hour", item.entry().receivedHour());
    m.put("state", item.triage().state().label());
    m.put("analyst", WebText.line(item.triage().analyst()));
    m.put("portal", WebText.line(item.entry().portal()));
    m.put("language", WebText.line(item.entry().language()));
    m.put("kind", item.entry().contentKind().wireValue());
    IndexEntry e = item.entry();
    m.put("address", e.urls().isEmpty() ? "app: " + WebText.app(e.inApp().app() + " " + e.inApp().identifier())
        : WebText.address(e.urls().get(0)));
    int more = e.urls().size() - 1 + (e.inApp() != null && !e.urls().isEmpty() ? 1 : 0);
    m.put("more", more > 0 ? "(+" + more + " more)" : "");
    m.put("seen", sameUrl);
    return m;
  }

  static List<Map<String, Object>> states(TriageState selected) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TriageState s : TriageState.values()) {
      out.add(Map.of("value", s.value(), "label", s.label(), "selected", s == selected));
    }
    return out;
  }

  static List<Map<String, Object>> kinds(String selected) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ContentKind k : ContentKind.values()) {
      out.add(Map.of("value", k.wireValue(), "selected", k.wireValue().equals(selected)));
    }
    return out;
  }

  static List<Map<String, Object>> notes(Triage t) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Triage.Note n : t.notes()) {
      out.add(Map.of("analyst", WebText.line(n.analyst()), "at", n.at(), "text", WebText.block(n.text())));
    }
    return out;
  }
}
