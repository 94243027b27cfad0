// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.protocol;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.SignatureConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.InApp;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;

/**
 * Writes the golden files under src/test/resources/testdata. Run by hand, and only when a format
 * is fixed: {@code java -cp ... org.hotlinerelay.protocol.GoldenFiles protocol/src/test/resources/testdata}
 * writes the keys and every file; with {@code envelopes} first, only the two envelope files, with
 * the keys already there; with {@code report} first, the report and the envelopes, with the keys
 * already there. Until the first release a format change regenerates them; after it, a
 * format change needs a new version and a reader for the old one.
 */
public final class GoldenFiles {
  static final Report REPORT = new Report("0123456789abcdef0123456789abcdef", "2026-11-28T16:00Z", "default", "en",
      List.of("https://example.com/golden?x=1", "http://goldengoldengoldengoldengoldengoldengoldengoldengold.onion/"),
      ContentKind.VIDEOS, "Top of the page", "A search result", "Golden file: details\nsecond line é",
      new Contact("Golden", "golden@example.org", ""), new InApp("Golden Chat", "@golden_channel"));

  private GoldenFiles() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("envelopes")) {
      writeEnvelopes(Path.of(args[1]));
      return;
    }
    if (args.length == 2 && args[0].equals("report")) {
      Files.write(Path.of(args[1]).resolve("report-v1.json"), ReportCodec.toJson(REPORT));
      writeEnvelopes(Path.of(args[1]));
      return;
    }
    Path dir = Path.of(args[0]);
    KeysetHandle hotline = TestKeys.hotlinePrivate();
    KeysetHandle relay = RelaySigningKey.generate();
    Files.writeString(dir.resolve("hotline-private.TEST-ONLY.json"),
        TinkJsonProtoKeysetFormat.serializeKeyset(hotline, InsecureSecretKeyAccess.get()));
    Files.writeString(dir.resolve("hotline-public.TEST-ONLY.json"), TestKeys.publicOf(hotline).toJson());
    Files.writeString(dir.resolve("relay-signing.TEST-ONLY.json"), RelaySigningKey.toJson(relay));
    Files.write(dir.resolve("relay-golden.public.json"), TestKeys.relayPublic("relay-golden", relay).toJson());
    Files.write(dir.resolve("report-v1.json"), ReportCodec.toJson(REPORT));
    writeEnvelopes(dir);
  }

  /** envelope.bin (the golden report) and envelope-cover.bin, sealed and signed with the golden keys. */
  static void writeEnvelopes(Path dir) throws Exception {
    KeysetHandle hotline = TestKeys.goldenHotlinePrivate();
    KeysetHandle relay = RelaySigningKey.parse(Files.readString(dir.resolve("relay-signing.TEST-ONLY.json")));
    Sealer sealer = Sealer.create(TestKeys.publicOf(hotline));
    EnvelopeSigner signer = EnvelopeSigner.create("relay-golden", relay);
    Files.write(dir.resolve("envelope.bin"), EnvelopeBinary.encode(signer.wrap(sealer.seal(REPORT))));
    Files.write(dir.resolve("envelope-cover.bin"), EnvelopeBinary.encode(signer.wrapCover(sealer.seal(REPORT))));
  }
}
