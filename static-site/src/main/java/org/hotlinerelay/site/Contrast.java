// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

/** WCAG 2 contrast ratio between two {@code #rrggbb} colours (1 to 21). */
final class Contrast {
  /** WCAG 2.2 AA for normal text (1.4.3). */
  static final double AA_TEXT = 4.5;

  private Contrast() {}

  static double ratio(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String hex) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
