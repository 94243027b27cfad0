// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.hotlinerelay.hotline.inbox.Inbox;
import org.hotlinerelay.hotline.inbox.ReadState;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Ids;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;

/** An inbox folder as the intake fills it, a state folder, and the passphrase that unlocks it. */
public final class WorkstationFixture {
  static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  final KeysetHandle hotlinePrivate = TestKeys.hotlinePrivate();
  final Sealer sealer;
  final EnvelopeSigner signer;
  final Path inboxDir;
  public final Path stateDir;

  public WorkstationFixture(Path temp) throws IOException, GeneralSecurityException {
    sealer = Sealer.create(TestKeys.publicOf(hotlinePrivate));
    signer = EnvelopeSigner.create("relay-one", TestKeys.relaySigning());
    inboxDir = Files.createDirectories(temp.resolve("inbox"));
    stateDir = temp.resolve("state");
  }

  public static Report report(String url, String hour, String portal) {
    return new Report(Ids.random(), hour, portal, "en", List.of(url), ContentKind.VIDEOS, "", "", "", null, null);
  }

  /** A report that names where in an app it was seen, with these addresses (none: app only). */
  public static Report inApp(String app, String identifier, String hour, String... urls) {
    return new Report(Ids.random(), hour, "north", "en", List.of(urls), ContentKind.IMAGES, "", "", "", null,
        new InApp(app, identifier));
  }

  /** Seals, signs and stores a report; returns the envelope id. */
  public String add(Report report) throws GeneralSecurityException, IOException {
    Envelope envelope = signer.wrap(sealer.seal(report));
    Files.write(inboxDir.resolve(envelope.id()), EnvelopeBinary.encode(envelope));
    return envelope.id();
  }

  public Inbox inbox() throws IOException, GeneralSecurityException {
    return new Inbox(inboxDir, Opener.create(hotlinePrivate), ReadState.none(), 2);
  }

  Workstation unlock(Inbox inbox, String analyst, Workstation.Progress progress) throws Exception {
    return Workstation.unlock(inbox, stateDir, PASSPHRASE.clone(), analyst, progress);
  }

  public Workstation unlock(Inbox inbox) throws Exception {
    return unlock(inbox, "alice", (done, total) -> { });
  }
}
