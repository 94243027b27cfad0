// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.util.List;

/** The languages the pages come in. Right-to-left ones are marked in their messages ({@code dir=rtl}). */
public final class Languages {
  public static final String DEFAULT = "en";
  public static final List<String> ALL = List.of("en", "fr", "es", "pt", "ar");

  private Languages() {}
}
