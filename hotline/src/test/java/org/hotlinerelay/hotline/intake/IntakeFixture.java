// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.intake;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeBinary;
import org.hotlinerelay.protocol.envelope.EnvelopeSigner;
import org.hotlinerelay.protocol.seal.Sealer;
import org.hotlinerelay.protocol.testing.TestKeys;
import org.hotlinerelay.protocol.testing.TestReports;

/** Keys, a known-relays folder and an HTTP client for intake tests. */
final class IntakeFixture {
  static final String RELAY = "relay-one";
  final KeysetHandle hotlinePrivate = TestKeys.hotlinePrivate();
  final KeysetHandle relaySigning = TestKeys.relaySigning();
  final Sealer sealer;
  final EnvelopeSigner signer;
  final Path knownRelays;
  final Path inbox;
  final HttpClient http = HttpClient.newHttpClient();

  IntakeFixture(Path temp) throws IOException, GeneralSecurityException {
    sealer = Sealer.create(TestKeys.publicOf(hotlinePrivate));
    signer = EnvelopeSigner.create(RELAY, relaySigning);
    knownRelays = Files.createDirectories(temp.resolve("known-relays"));
    Files.write(knownRelays.resolve(KnownRelays.fileName(RELAY)), TestKeys.relayPublic(RELAY, relaySigning).toJson());
    inbox = temp.resolve("inbox");
  }

  Envelope envelope() throws GeneralSecurityException {
    return signer.wrap(sealer.seal(TestReports.typical()));
  }

  /** {@code POST /v1/envelopes} with this body and media type. */
  HttpResponse<String> post(IntakeServer server, byte[] body, String contentType) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + EnvelopeBatch.PATH))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A batch of these envelopes. */
  HttpResponse<String> postBatch(IntakeServer server, List<Envelope> envelopes) throws IOException, InterruptedException {
    return post(server, EnvelopeBatch.join(envelopes.stream().map(EnvelopeBinary::encode).toList()), EnvelopeBatch.MEDIA_TYPE);
  }

  /** A batch of one envelope: its own status in the results, or the request's when that is not 200. */
  int postOne(IntakeServer server, Envelope envelope) throws Exception {
    return postFrame(server, EnvelopeBinary.encode(envelope));
  }

  /** A batch of one frame holding {@code bytes}: its status, as {@link #postOne}. */
  int postFrame(IntakeServer server, byte[] bytes) throws Exception {
    HttpResponse<String> response = post(server, EnvelopeBatch.join(List.of(bytes)), EnvelopeBatch.MEDIA_TYPE);
    if (response.statusCode() != 200) {
      return response.statusCode();
    }
    return EnvelopeBatch.parseResults(response.body().getBytes(StandardCharsets.US_ASCII), 1)[0];
  }

  HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  long storedFiles() throws IOException {
    try (var files = Files.list(inbox)) {
      return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{32}")).count();
    }
  }
}
