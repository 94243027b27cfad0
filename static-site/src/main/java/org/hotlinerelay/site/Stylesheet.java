// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

/**
 * The one stylesheet, with the partner's accent colour written in. Pages load it from
 * {@code assets/site.css} (same origin), which is all a {@code style-src 'self'} policy allows:
 * no inline styles anywhere, so the accent cannot be set in the page itself.
 */
final class Stylesheet {
  /** The declaration in {@code site.css} that carries the accent; replaced per portal. */
  static final String ACCENT_DECLARATION = "--accent:#1d4f91;";

  private final String css;

  Stylesheet(String css) {
    if (!css.contains(ACCENT_DECLARATION)) {
      throw new IllegalStateException("site.css lost its accent declaration");
    }
    // Comments and line breaks are for people reading the source; pages count every byte.
    this.css = css.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\\s*\\n\\s*", "").strip() + "\n";
  }

  /** The stylesheet for a portal; {@link Portal} has already checked the colour is {@code #rrggbb}. */
  String forAccent(String accentColour) {
    return css.replace(ACCENT_DECLARATION, "--accent:" + accentColour.toLowerCase(java.util.Locale.ROOT) + ";");
  }
}
