// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.inbox;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.hotline.open.Opener;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;

/** An inbox folder filled the way the intake fills it, and the key that opens it. */
final class InboxFixture {
  final KeysetHandle hotlinePrivate = TestKeys.hotlinePrivate();
  final Sealer sealer;
  final EnvelopeSigner signer;
  final Path dir;

  InboxFixture(Path temp) throws IOException, GeneralSecurityException {
    sealer = Sealer.create(TestKeys.publicOf(hotlinePrivate));
    signer = EnvelopeSigner.create("relay-one", TestKeys.relaySigning());
    dir = Files.createDirectories(temp.resolve("inbox"));
  }

  /** Seals, signs and stores a report; returns the envelope id. */
  String add(Report report) throws GeneralSecurityException, IOException {
    return add(signer.wrap(sealer.seal(report)));
  }

  String add(Envelope envelope) throws IOException {
    Files.write(dir.resolve(envelope.id()), EnvelopeBinary.encode(envelope));
    return envelope.id();
  }

  Inbox open() throws IOException, GeneralSecurityException {
    return new Inbox(dir, Opener.create(hotlinePrivate), ReadState.load(dir.resolve(ReadState.DEFAULT_FILE)), 2);
  }
}
