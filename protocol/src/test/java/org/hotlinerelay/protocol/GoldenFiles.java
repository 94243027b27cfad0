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
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.envelope.GoldenEnvelopes;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.report.ContentKind;
import org.hotlinerelay.protocol.report.Contact;
import org.hotlinerelay.protocol.report.Report;
import org.hotlinerelay.protocol.report.ReportCodec;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;

/**
 * Writes the golden files under src/test/resources/testdata. Run once, by hand, when the wire
 * format is first fixed; never again for version 1 (the point is that old files keep opening):
 * {@code java -cp ... org.hotlinerelay.protocol.GoldenFiles protocol/src/test/resources/testdata}.
 */
public final class GoldenFiles {
  static final Report REPORT = new Report("0123456789abcdef0123456789abcdef", "2026-11-28T16:00Z", "default", "en",
      List.of("https://example.com/golden?x=1", "http://goldengoldengoldengoldengoldengoldengoldengoldengold.onion/"),
      ContentKind.VIDEOS, "Top of the page", "A search result", "Golden file: details\nsecond line é",
      new Contact("Golden", "golden@example.org", ""));

  private GoldenFiles() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("v2")) {
      writeEnvelopeV2(Path.of(args[1]));
      return;
    }
    if (args.length == 2 && args[0].equals("reseal")) {
      reseal(Path.of(args[1]));
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
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(REPORT);
    Envelope envelope = EnvelopeSigner.create("relay-golden", relay).wrap(sealed);
    Files.write(dir.resolve("envelope-v1.json"), EnvelopeCodec.toJson(envelope));
  }

  /**
   * Seals the golden report again under the golden keys, for when the padded size changes
   * ({@code GoldenFiles reseal protocol/src/test/resources/testdata}): the keys, and so their
   * fingerprints, stay; envelope-v1.json and envelope-v2.json are written anew.
   */
  static void reseal(Path dir) throws Exception {
    KeysetHandle hotline = TestKeys.goldenHotlinePrivate();
    KeysetHandle relay = RelaySigningKey.parse(Files.readString(dir.resolve("relay-signing.TEST-ONLY.json")));
    byte[] sealed = Sealer.create(TestKeys.publicOf(hotline)).seal(REPORT);
    SignatureConfig.register();
    PublicKeySign sign = relay.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    Files.write(dir.resolve("envelope-v1.json"),
        EnvelopeCodec.toJson(GoldenEnvelopes.version1(sign, "relay-golden", sealed)));
    writeEnvelopeV2(dir);
  }

  /**
   * Writes envelope-v2.json: the golden v1 envelope's sealed report, wrapped again by the golden
   * relay key as version 2 ({@code GoldenFiles v2 protocol/src/test/resources/testdata}); once,
   * when version 2 was fixed.
   */
  static void writeEnvelopeV2(Path dir) throws Exception {
    Envelope v1 = EnvelopeCodec.fromJson(Files.readAllBytes(dir.resolve("envelope-v1.json")));
    KeysetHandle relay = RelaySigningKey.parse(Files.readString(dir.resolve("relay-signing.TEST-ONLY.json")));
    Envelope v2 = EnvelopeSigner.create("relay-golden", relay).wrap(v1.sealed());
    Files.write(dir.resolve("envelope-v2.json"), EnvelopeCodec.toJson(v2));
  }
}
