// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol.store;

/** The store is at its quota of entries or bytes: the caller must not acknowledge anything. */
public final class StoreFullException extends Exception {
  public StoreFullException() {
    super("store is full");
  }
}
