// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.keys.Fingerprint;
import org.hotlinerelay.protocol.keys.KeysetRefusedException;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.relay.Metrics;

/**
 * The hotline's public keyset as the relay uses it: read from a file, refused when it holds
 * private material or matches none of the pinned fingerprints, and reloaded when the file changes
 * (key rotation without a restart). A bad new file never replaces a good keyset: the relay keeps
 * sealing with the old one and logs {@code RELAY-021}.
 *
 * <p>Enforced by {@code HotlineKeysetTest} and {@code RelayServerStartupTest}. Thread-safe.
 */
public final class HotlineKeyset {
  private static final Logger LOG = Logger.getLogger(HotlineKeyset.class.getName());
  private static final int MAX_FILE_BYTES = 64 * 1024;

  private final Path file;
  private final List<String> pins;
  private final Metrics metrics;
  private volatile Sealer sealer;
  private volatile byte[] lastBytes;

  private HotlineKeyset(Path file, List<String> pins, Metrics metrics, Sealer sealer, byte[] bytes) {
    this.file = file;
    this.pins = pins;
    this.metrics = metrics;
    this.sealer = sealer;
    this.lastBytes = bytes;
  }

  /**
   * Loads the keyset for start-up.
   *
   * @throws CommandFailure (exit 2, one fixed line) when the file is missing or unreadable, holds
   *     private material, is not an HPKE public keyset, or matches no pinned fingerprint
   */
  /** The start-up error for a missing or unreadable keyset file: what it is and where it comes from. */
  private static String unreadable(Path file) {
    return "cannot read the hotline public keyset file " + file + "; give it with --hotline-keyset"
        + " (the hotline prints it with 'keys public')";
  }

  public static HotlineKeyset load(Path file, List<String> pins, Metrics metrics) {
    if (pins.isEmpty()) {
      throw CommandFailure.runtime("no pinned hotline fingerprint: give it with --hotline-fingerprint"
          + " (the hotline prints it with 'keys fingerprint')");
    }
    for (String pin : pins) {
      if (Fingerprint.normalise(pin).length() != 32) {
        throw CommandFailure.runtime("a pinned hotline fingerprint is not 32 hex digits (--hotline-fingerprint)");
      }
    }
    byte[] bytes;
    try {
      bytes = read(file);
    } catch (IOException e) {
      throw CommandFailure.runtime(unreadable(file));
    }
    try {
      return new HotlineKeyset(file, List.copyOf(pins), metrics, sealerFor(bytes, pins), bytes);
    } catch (Refused r) {
      throw CommandFailure.runtime(r.getMessage());
    }
  }

  /** The sealer for the current keyset. */
  public Sealer sealer() {
    return sealer;
  }

  public String fingerprint() {
    return sealer.fingerprint();
  }

  /** Re-reads the file; a changed, acceptable keyset replaces the current one. Returns true then. */
  public synchronized boolean poll() {
    byte[] bytes;
    try {
      bytes = read(file);
    } catch (IOException e) {
      if (lastBytes != null) {
        LOG.warning("RELAY-022 hotline keyset file unreadable; keeping the current keyset (" + e.getClass().getSimpleName() + ")");
        lastBytes = null;
        metrics.keysetReloadFailed();
      }
      return false;
    }
    if (Arrays.equals(bytes, lastBytes)) {
      return false;
    }
    lastBytes = bytes;
    try {
      Sealer next = sealerFor(bytes, pins);
      if (next.fingerprint().equals(sealer.fingerprint())) {
        return false;
      }
      sealer = next;
      metrics.keysetReloaded();
      LOG.info("RELAY-020 hotline keyset reloaded, fingerprint " + next.fingerprint());
      return true;
    } catch (Refused r) {
      metrics.keysetReloadFailed();
      LOG.warning("RELAY-021 new hotline keyset refused (" + r.reason + "); keeping the current keyset");
      return false;
    }
  }

  private static byte[] read(Path file) throws IOException {
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new IOException("keyset file too large");
    }
    return Files.readAllBytes(file);
  }

  private static Sealer sealerFor(byte[] bytes, List<String> pins) throws Refused {
    PublicKeyset keyset;
    try {
      keyset = PublicKeyset.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (KeysetRefusedException e) {
      if (e.getMessage() != null && e.getMessage().contains("private key material")) {
        throw new Refused("private", "the hotline keyset file holds private key material; a relay takes only the hotline's public keyset");
      }
      throw new Refused("format", "the hotline keyset file is not a public HPKE keyset");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new Refused("format", "the hotline keyset file is not a public HPKE keyset");
    }
    String fp = keyset.fingerprint();
    if (pins.stream().noneMatch(pin -> Fingerprint.matches(pin, fp))) {
      throw new Refused("fingerprint", "the hotline keyset's fingerprint " + fp + " matches no pinned fingerprint (--hotline-fingerprint)");
    }
    try {
      return Sealer.create(keyset);
    } catch (GeneralSecurityException e) {
      throw new Refused("format", "the hotline keyset file is not a public HPKE keyset");
    }
  }

  /** Why a keyset was refused: a fixed reason label for logs and a fixed line for the operator. */
  private static final class Refused extends Exception {
    private final String reason;

    Refused(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  @Override
  public String toString() {
    return "HotlineKeyset[" + sealer.fingerprint() + "]";
  }
}
