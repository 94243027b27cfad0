// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hotlinerelay.protocol.CommandFailure;
import org.hotlinerelay.protocol.ExitCode;
import org.hotlinerelay.protocol.envelope.RelaySigningKey;
import org.hotlinerelay.protocol.keys.PublicKeyset;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.relay.keys.SigningKeyFile;
import org.hotlinerelay.relay.testing.RelayFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay refuses to start, with one exact line and exit 2, on every unsafe configuration. */
class RelayServerStartupTest {
  @TempDir Path dir;
  private KeysetHandle hotlinePrivate;
  private PublicKeyset hotlinePublic;

  @BeforeEach
  void keys() throws Exception {
    hotlinePrivate = TestKeys.hotlinePrivate();
    hotlinePublic = TestKeys.publicOf(hotlinePrivate);
    Files.writeString(dir.resolve("hotline-public.json"), hotlinePublic.toJson());
    Files.writeString(dir.resolve("relay-signing.json"), RelaySigningKey.toJson(TestKeys.relaySigning()));
  }

  private CommandFailure refusal(RelayConfig.Builder config) {
    CommandFailure failure = assertThrows(CommandFailure.class, () -> RelayServer.start(config.build()).close());
    assertEquals(ExitCode.FAILURE, failure.exitCode());
    return failure;
  }

  private RelayConfig.Builder config() {
    return RelayFixture.baseConfig(dir, hotlinePublic.fingerprint());
  }

  @Test
  void start_privateKeyset_refuses() throws Exception {
    Files.writeString(dir.resolve("hotline-public.json"),
        TinkJsonProtoKeysetFormat.serializeKeyset(hotlinePrivate, InsecureSecretKeyAccess.get()));
    assertEquals("the hotline keyset file holds private key material; a relay takes only the hotline's public keyset",
        refusal(config()).getMessage());
  }

  @Test
  void start_fingerprintMismatch_refuses() throws Exception {
    String other = TestKeys.publicOf(TestKeys.hotlinePrivate()).fingerprint();
    assertEquals("the hotline keyset's fingerprint " + hotlinePublic.fingerprint()
        + " matches no pinned fingerprint (--hotline-fingerprint)",
        refusal(config().pinnedFingerprints(List.of(other))).getMessage());
  }

  @Test
  void start_noPinnedFingerprint_refuses() {
    assertEquals("no pinned hotline fingerprint: give it with --hotline-fingerprint"
        + " (the hotline prints it with 'keys fingerprint')",
        refusal(config().pinnedFingerprints(List.of())).getMessage());
  }

  @Test
  void start_portalsFileMissingOrInvalid_refuses_namingTheSettingNotTheValue() throws Exception {
    Path missing = dir.resolve("portals.json");
    assertEquals("portals file not found: " + missing + " (--portals)",
        refusal(config().portalsFile(missing)).getMessage());
    Files.writeString(missing, "{\"portals\": [{\"id\": \"x\", \"displayName\": \"X\", \"languages\": [\"en\"],"
        + " \"relayUrl\": \"https://relay.example.org/\", \"accentColour\": \"#ffff00\", \"legalUrl\": \"\", \"contactUrl\": \"\"}]}");
    assertEquals("portal 'x': accentColour is too light: white text on it needs a contrast of at least 4.5:1 (--portals)",
        refusal(config().portalsFile(missing)).getMessage());
  }

  @Test
  void start_keysetMissing_refuses() {
    Path missing = dir.resolve("nope.json");
    assertEquals("cannot read the hotline public keyset file " + missing
        + "; give it with --hotline-keyset (the hotline prints it with 'keys public')",
        refusal(config().hotlineKeyset(missing)).getMessage());
  }

  @Test
  void start_keysetNotAKeyset_refuses() throws Exception {
    Files.writeString(dir.resolve("hotline-public.json"), "{\"hello\": 1}");
    assertEquals("the hotline keyset file is not a public HPKE keyset", refusal(config()).getMessage());
  }

  @Test
  void start_spoolNotWritable_refuses() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path spool = file.resolve("spool");
    assertEquals("the spool folder " + spool + " is not writable",
        refusal(config().spoolDir(spool)).getMessage());
  }

  @Test
  void start_signingKeyInvalid_refuses() throws Exception {
    Path key = dir.resolve("relay-signing.json");
    Files.writeString(key, TinkJsonProtoKeysetFormat.serializeKeyset(hotlinePrivate, InsecureSecretKeyAccess.get()));
    assertEquals("the relay signing key file " + key + " is not a valid Ed25519 signing keyset",
        refusal(config()).getMessage());
  }

  @Test
  void start_signingKeyMissing_createsItAndItsPublicHalf() throws Exception {
    Path key = dir.resolve("new-signing.json");
    try (RelayServer server = RelayServer.start(config().signingKey(key).build())) {
      assertEquals(true, Files.exists(key));
      Path pub = dir.resolve("relay-" + "test-relay" + ".public.json");
      assertEquals(pub.toAbsolutePath(), SigningKeyFile.publicFile(key, "test-relay"));
      assertEquals("test-relay", org.hotlinerelay.protocol.envelope.RelayPublicKey.parse(Files.readAllBytes(pub)).relayId());
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }
  }

  @Test
  void start_portInUse_refuses() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      HostPort listen = new HostPort("127.0.0.1", taken.getLocalPort());
      assertEquals("cannot listen on " + listen + " (address in use); choose another with --listen",
          refusal(config().listen(listen)).getMessage());
      assertEquals("cannot listen on " + listen + " (address in use); choose another with --admin",
          refusal(config().admin(listen)).getMessage());
    }
  }
}
