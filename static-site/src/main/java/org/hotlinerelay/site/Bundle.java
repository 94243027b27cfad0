// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A partner portal as plain files a partner can host anywhere:
 * {@code index.html} (the default language), {@code <lang>/index.html} for each language and
 * {@code assets/site.css}. Every link is relative, except the form's action, which is the relay's
 * absolute {@code /report} URL. The thank-you page is the relay's ({@code <lang>/thanks}, after
 * its 303), so the bundle needs none.
 */
public final class Bundle {
  private final Site site;
  private final Portal portal;

  public Bundle(Site site, Portal portal) {
    PortalsFile.check(portal);
    if (portal.relayUrl().isEmpty()) {
      throw new IllegalArgumentException("a bundle needs the relay's URL: the form posts there");
    }
    this.site = site;
    this.portal = portal;
  }

  /** Every file of the bundle: relative path → content. */
  public Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("index.html", form(portal.defaultLanguage(), ""));
    for (String lang : portal.languages()) {
      files.put(lang + "/index.html", form(lang, "../"));
    }
    files.put("assets/site.css", site.stylesheet(portal));
    return files;
  }

  /**
   * Writes the bundle into {@code out}. Refuses a folder that exists and is not empty unless
   * {@code overwrite} (then only the bundle's own files are replaced; nothing else is deleted).
   */
  public List<Path> writeTo(Path out, boolean overwrite) throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new IllegalArgumentException("output exists and is not a folder");
    }
    if (Files.isDirectory(out) && !overwrite) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException("output folder is not empty (use --force to replace the portal's files in it)");
        }
      }
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, String> f : files().entrySet()) {
      Path target = out.resolve(f.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, f.getValue().getBytes(StandardCharsets.UTF_8));
      written.add(target);
    }
    return written;
  }

  private String form(String lang, String base) {
    return site.formPage(portal, lang, base, FormValues.empty(), List.of());
  }
}
