package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.hotlinerelay.protocol.MalformedMessageException;
import org.hotlinerelay.protocol.envelope.EnvelopeBatch;

/**
 * One HTTP client to the hotline intake. With a SOCKS proxy, the proxy gets the intake's host
 * <em>name</em> (SOCKS5 address type DOMAINNAME: OkHttp hands the socket an unresolved address)
 * and local DNS is refused ({@link NoLocalDns}); enforced by
 * {@code org.hotlinerelay.relay.forward.ForwarderSocksTest}. No cookies, no redirects, no cache, no
 * headers beyond those HTTP needs.
 */
final class IntakeClient implements AutoCloseable {
  /** What the forwarder does with an envelope after one attempt. */
  enum Outcome { DELIVERED, REFUSED, RETRY }

  /** What a batch request came to. */
  enum BatchKind {
    /** Each envelope has its own status in {@link BatchAnswer#statuses}. */
    RESULTS,
    /** 408, 429, 5xx or a network failure: all of them later. */
    RETRY,
    /** 404, 405, 415, 501: this intake has no batch endpoint; send one by one. */
    NOT_SUPPORTED,
    /** Any other answer (400, 413, an unreadable 200): send these one by one for their own verdicts. */
    ONE_BY_ONE
  }

  /** Gives a batch's envelopes one after another while its request body is written. */
  interface BatchSource {
    /** True for a binary batch ({@link EnvelopeBatch#BINARY_MEDIA_TYPE}), false for JSON lines. */
    boolean binary();

    /**
     * The next envelope in the batch's form (JSON as {@code EnvelopeCodec.toJson} writes it, with
     * no line feed, or {@link org.hotlinerelay.protocol.envelope.EnvelopeBinary}'s), or null when
     * there are no more; valid until the next call (it may be a part of a buffer the source reuses).
     */
    ByteBuffer next() throws IOException;

    /** What {@link #next} has given so far: the envelopes the answer's statuses are about. */
    List<String> sent();
  }

  /**
   * A batch request's answer; {@code statuses} only for {@link BatchKind#RESULTS};
   * {@code takesBinary} when the answer's {@code Accept-Post} names binary batches.
   */
  record BatchAnswer(BatchKind kind, int[] statuses, boolean takesBinary) {
    static BatchAnswer of(BatchKind kind) {
      return new BatchAnswer(kind, new int[0], false);
    }
  }

  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType NDJSON = MediaType.get(EnvelopeBatch.MEDIA_TYPE);
  private static final MediaType BINARY = MediaType.get(EnvelopeBatch.BINARY_MEDIA_TYPE);
  /** Most bytes of a batch answer read: 32 statuses take about 150. */
  private static final long MAX_ANSWER_BYTES = 16 * 1024;
  private final OkHttpClient http;
  private final HttpUrl url;
  private final HttpUrl batchUrl;
  private final NoLocalDns noLocalDns;

  IntakeClient(ForwarderConfig config) throws IOException, GeneralSecurityException {
    this.url = HttpUrl.get(config.envelopesUrl().toString());
    this.batchUrl = HttpUrl.get(config.batchesUrl().toString());
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .callTimeout(config.timeout())
        .connectTimeout(config.timeout())
        .readTimeout(config.timeout())
        .writeTimeout(config.timeout())
        .connectionPool(new ConnectionPool(config.parallelism(), 2, TimeUnit.MINUTES))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .protocols(List.of(Protocol.HTTP_1_1))
        .addNetworkInterceptor(new NoDelay())
        .connectionSpecs(List.of(ConnectionSpec.RESTRICTED_TLS, ConnectionSpec.CLEARTEXT));
    if (config.socksProxy().isPresent()) {
      noLocalDns = new NoLocalDns();
      builder.proxy(new Proxy(Proxy.Type.SOCKS, config.socksProxy().get())).dns(noLocalDns);
    } else {
      noLocalDns = null;
      builder.proxy(Proxy.NO_PROXY).dns(Dns.SYSTEM);
    }
    if (config.pinnedCa().isPresent()) {
      X509TrustManager trust = trustOnly(config.pinnedCa().get());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
      builder.sslSocketFactory(tls.getSocketFactory(), trust);
    }
    this.http = builder.build();
  }

  /** Posts one envelope's JSON and classifies the answer. Never throws for network failures. */
  Outcome send(byte[] envelopeJson) {
    Request request = new Request.Builder().url(url).post(RequestBody.create(envelopeJson, JSON)).build();
    try (Response response = http.newCall(request).execute()) {
      return classify(response.code());
    } catch (IOException e) {
      return Outcome.RETRY;
    }
  }

  /**
   * Posts the source's envelopes as one batch ({@link EnvelopeBatch}), in its form, written as
   * they come (chunked: their count is known only once written). Never throws for network failures.
   */
  BatchAnswer sendBatch(BatchSource source) {
    Request request = new Request.Builder().url(batchUrl).post(batchBody(source)).build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code == 200) {
        try {
          return new BatchAnswer(BatchKind.RESULTS,
              EnvelopeBatch.parseResults(response.peekBody(MAX_ANSWER_BYTES).bytes(), source.sent().size()),
              EnvelopeBatch.takesBinary(response.header("Accept-Post")));
        } catch (MalformedMessageException e) {
          return BatchAnswer.of(BatchKind.ONE_BY_ONE);
        }
      }
      if (code == 404 || code == 405 || code == 415 || code == 501) {
        return BatchAnswer.of(BatchKind.NOT_SUPPORTED);
      }
      return BatchAnswer.of(classify(code) == Outcome.RETRY ? BatchKind.RETRY : BatchKind.ONE_BY_ONE);
    } catch (IOException e) {
      return BatchAnswer.of(BatchKind.RETRY);
    }
  }

  private static RequestBody batchBody(BatchSource source) {
    return new RequestBody() {
      @Override
      public MediaType contentType() {
        return source.binary() ? BINARY : NDJSON;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        int written = 0;
        for (ByteBuffer envelope; written < EnvelopeBatch.MAX_ENVELOPES && (envelope = source.next()) != null; written++) {
          if (source.binary()) {
            sink.writeInt(envelope.remaining());
            sink.write(envelope);
          } else {
            sink.write(envelope);
            sink.writeByte('\n');
          }
        }
      }
    };
  }

  static Outcome classify(int status) {
    if (status >= 200 && status < 300) {
      return Outcome.DELIVERED;
    }
    if (status >= 400 && status < 500 && status != 429 && status != 408) {
      return Outcome.REFUSED;
    }
    return Outcome.RETRY;
  }

  /** True when every connection gets {@link NoDelay} (for tests). */
  boolean setsNoDelay() {
    return http.networkInterceptors().stream().anyMatch(NoDelay.class::isInstance);
  }

  /** Local lookups refused so far (0 without a proxy, where lookups are allowed). */
  long refusedLocalLookups() {
    return noLocalDns == null ? 0 : noLocalDns.refused();
  }

  private static X509TrustManager trustOnly(java.nio.file.Path caFile) throws IOException, GeneralSecurityException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(caFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException("no certificate in the pinned CA file");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("pinned-" + i++, certificate);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Ends calls in flight (at shutdown); their envelopes stay spooled. */
  void cancelAll() {
    http.dispatcher().cancelAll();
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "IntakeClient[redacted]";
  }
}
