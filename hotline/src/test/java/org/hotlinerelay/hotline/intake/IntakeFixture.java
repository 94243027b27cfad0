package org.hotlinerelay.hotline.intake;

import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.hotlinerelay.protocol.envelope.Envelope;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;
import org.hotlinerelay.protocol.envelope.EnvelopeCodec;
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

  HttpResponse<String> post(IntakeServer server, byte[] body) throws IOException, InterruptedException {
    return post(server, body, "application/json");
  }

  HttpResponse<String> post(IntakeServer server, byte[] body, String contentType) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/v1/envelopes"))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** {@code POST /v1/envelope-batches} with these envelopes. */
  HttpResponse<String> postBatch(IntakeServer server, java.util.List<Envelope> envelopes) throws IOException, InterruptedException {
    return postBatch(server, EnvelopeBatch.join(envelopes.stream().map(EnvelopeCodec::toJson).toList()), EnvelopeBatch.MEDIA_TYPE);
  }

  HttpResponse<String> postBatch(IntakeServer server, byte[] body, String contentType) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + EnvelopeBatch.PATH))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(IntakeServer server, Envelope envelope) throws IOException, InterruptedException {
    return post(server, EnvelopeCodec.toJson(envelope));
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
