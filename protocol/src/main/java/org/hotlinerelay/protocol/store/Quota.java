// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.store;

/** Most entries and bytes a {@link DurableStore} holds before it refuses new ones. */
public record Quota(int maxEntries, long maxBytes) {
  public Quota {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("quota must be positive");
    }
  }
}
