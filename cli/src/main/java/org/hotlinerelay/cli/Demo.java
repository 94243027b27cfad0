// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.hotlinerelay.hotline.intake.IntakeConfig;
import org.hotlinerelay.hotline.intake.IntakeServer;
import org.hotlinerelay.hotline.intake.IntakeStartException;
import org.hotlinerelay.hotline.keys.HotlineKeys;
import org.hotlinerelay.hotline.keys.RelaySigningFiles;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.relay.HostPort;
import org.hotlinerelay.relay.RelayConfig;
import org.hotlinerelay.relay.RelayServer;
import org.hotlinerelay.relay.forward.Schedule;

/**
 * Everything on loopback with throwaway keys, in one fresh temporary folder: hotline keys under a
 * random passphrase, a relay signing key listed as the only known relay, an intake, and a relay
 * that seals, spools and forwards to it (the relay server starts its own forwarder). DEMO ONLY: the passphrase is printed and stored beside
 * the key so that the inbox can be read; {@link #close} stops everything and deletes the folder.
 */
final class Demo implements AutoCloseable {
  static final String RELAY_ID = "demo-relay";
  /**
   * The demo's forwarding schedule: a batch every 2 s and a 10 s release window, so that a report
   * sent from the portal is in the inbox within half a minute (production: {@link Schedule#defaults}).
   */
  static final Schedule SCHEDULE = new Schedule(Duration.ofSeconds(2), Schedule.DEFAULT_BUCKETS, Duration.ofSeconds(10));

  final Path folder;
  final String passphrase;
  final IntakeServer intake;
  final RelayServer relay;
  private Demo(Path folder, String passphrase, IntakeServer intake, RelayServer relay) {
    this.folder = folder;
    this.passphrase = passphrase;
    this.intake = intake;
    this.relay = relay;
  }

  static Demo start(int relayPort, int intakePort)
      throws IOException, GeneralSecurityException, IntakeStartException {
    Path folder = Files.createTempDirectory("hotline-relay-demo-");
    String passphrase = randomPassphrase();
    IntakeServer intake = null;
    RelayServer relay = null;
    try {
      HotlineKeys keys = new HotlineKeys(folder.resolve("hotline-keys"));
      PublicKeyset publicKeyset = keys.generate(passphrase.toCharArray());
      Files.writeString(passphraseFile(folder), passphrase + "\n");
      RelaySigningFiles relayKeys = new RelaySigningFiles(folder.resolve("relay-keys"), RELAY_ID);
      relayKeys.generate();
      Path knownRelays = Files.createDirectories(folder.resolve("known-relays"));
      Files.copy(relayKeys.publicFile(), knownRelays.resolve(relayKeys.publicFile().getFileName()),
          StandardCopyOption.COPY_ATTRIBUTES);
      intake = IntakeServer.start(new IntakeConfig("127.0.0.1", intakePort, 0, folder.resolve("inbox"),
          knownRelays, IntakeConfig.DEFAULT_QUOTA, 5, null));
      URI intakeUrl = URI.create("http://127.0.0.1:" + intake.port());
      relay = RelayServer.start(RelayConfig.builder()
          .listen(new HostPort("127.0.0.1", relayPort))
          .admin(new HostPort("127.0.0.1", 0))
          .hotlineUrl(intakeUrl)
          .hotlineKeyset(keys.publicFile())
          .pinnedFingerprints(List.of(publicKeyset.fingerprint()))
          .relayId(RELAY_ID)
          .signingKey(relayKeys.signingFile())
          .spoolDir(folder.resolve("relay-spool"))
          .schedule(SCHEDULE)
          .build());
      return new Demo(folder, passphrase, intake, relay);
    } catch (IOException | GeneralSecurityException | IntakeStartException | RuntimeException e) {
      if (relay != null) {
        relay.close();
      }
      if (intake != null) {
        intake.close();
      }
      deleteQuietly(folder);
      throw e;
    }
  }

  static Path passphraseFile(Path folder) {
    return folder.resolve("hotline-keys").resolve("DEMO-ONLY-passphrase.txt");
  }

  Path inbox() {
    return folder.resolve("inbox");
  }

  Path privateKey() {
    return new HotlineKeys(folder.resolve("hotline-keys")).privateFile();
  }

  /** The exact command that lists what was sent. */
  String inboxListCommand() {
    return "./hotline-relay inbox list --inbox " + inbox() + " --key " + privateKey()
        + " --passphrase-file " + passphraseFile(folder);
  }

  /** Five random words' worth of entropy, easy to type: 4 groups of 5 lower-case letters. */
  private static String randomPassphrase() {
    SecureRandom random = new SecureRandom();
    StringBuilder out = new StringBuilder();
    for (int group = 0; group < 4; group++) {
      if (group > 0) {
        out.append('-');
      }
      for (int i = 0; i < 5; i++) {
        out.append((char) ('a' + random.nextInt(26)));
      }
    }
    return out.toString();
  }

  @Override
  public void close() {
    relay.close(); // stops its forwarder too; unsent envelopes would stay in the spool
    intake.close();
    deleteQuietly(folder);
  }

  static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // Best effort: a temporary folder.
        }
      });
    } catch (IOException ignored) {
      // Already gone.
    }
  }
}
