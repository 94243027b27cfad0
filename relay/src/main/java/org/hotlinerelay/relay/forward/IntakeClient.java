// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
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
    /** 408, 429, 5xx, an unreadable 200 or a network failure: all of them later. */
    RETRY,
    /**
     * Any other answer to the request as a whole (404, 415, 400, 413, …): the relay is pointed at
     * something that is not a matching intake. A configuration error, reported; all of them later.
     */
    MISCONFIGURED
  }

  /** A batch request's answer; {@code statuses} only for {@link BatchKind#RESULTS}. */
  record BatchAnswer(BatchKind kind, int[] statuses) {
    static BatchAnswer of(BatchKind kind) {
      return new BatchAnswer(kind, new int[0]);
    }
  }

  private static final MediaType BATCH = MediaType.get(EnvelopeBatch.MEDIA_TYPE);
  /** Most bytes of a batch answer read: 128 statuses take about 530. */
  private static final long MAX_ANSWER_BYTES = 16 * 1024;
  private final OkHttpClient http;
  private final HttpUrl url;
  private final NoLocalDns noLocalDns;

  IntakeClient(ForwarderConfig config) throws IOException, GeneralSecurityException {
    this.url = HttpUrl.get(config.envelopesUrl().toString());
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .callTimeout(config.timeout())
        .connectTimeout(config.timeout())
        .readTimeout(config.timeout())
        .writeTimeout(config.timeout())
        .connectionPool(new ConnectionPool(1, 2, TimeUnit.MINUTES))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .protocols(List.of(Protocol.HTTP_1_1))
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

  /**
   * Posts these envelopes (each in {@code EnvelopeBinary}'s form) as one batch
   * ({@link EnvelopeBatch}). Never throws for network failures.
   */
  BatchAnswer sendBatch(List<byte[]> envelopes) {
    Request request = new Request.Builder().url(url).post(RequestBody.create(EnvelopeBatch.join(envelopes), BATCH)).build();
    try (Response response = http.newCall(request).execute()) {
      int code = response.code();
      if (code == 200) {
        try {
          return new BatchAnswer(BatchKind.RESULTS,
              EnvelopeBatch.parseResults(response.peekBody(MAX_ANSWER_BYTES).bytes(), envelopes.size()));
        } catch (MalformedMessageException e) {
          return BatchAnswer.of(BatchKind.RETRY);
        }
      }
      return BatchAnswer.of(classify(code) == Outcome.RETRY ? BatchKind.RETRY : BatchKind.MISCONFIGURED);
    } catch (IOException e) {
      return BatchAnswer.of(BatchKind.RETRY);
    }
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
