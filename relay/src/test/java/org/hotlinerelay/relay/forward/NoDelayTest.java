package org.hotlinerelay.relay.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoDelayTest {
  private Undertow server;
  private String url;

  @BeforeEach
  void start() {
    server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(exchange -> exchange.getRequestReceiver().receiveFullBytes((ex, body) -> ex.endExchange()))
        .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    url = "http://127.0.0.1:" + port + "/v1/envelopes";
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  /** What a network interceptor placed after the one under test sees on the real socket. */
  private boolean noDelaySeenBy(OkHttpClient.Builder builder) throws Exception {
    AtomicReference<Boolean> seen = new AtomicReference<>();
    OkHttpClient client = builder.addNetworkInterceptor(chain -> {
      seen.set(chain.connection().socket().getTcpNoDelay());
      return chain.proceed(chain.request());
    }).build();
    Request request = new Request.Builder().url(url)
        .post(RequestBody.create(new byte[22_000], MediaType.get("application/json"))).build();
    try (Response response = client.newCall(request).execute()) {
      assertEquals(200, response.code());
    }
    client.connectionPool().evictAll();
    return seen.get();
  }

  @Test
  void okHttpLeavesNagleOn_noDelayTurnsItOffBeforeTheRequestIsWritten() throws Exception {
    assertEquals(false, noDelaySeenBy(new OkHttpClient.Builder()));
    assertEquals(true, noDelaySeenBy(new OkHttpClient.Builder().addNetworkInterceptor(new NoDelay())));
  }

  @Test
  void intakeClient_setsNoDelay() throws Exception {
    try (IntakeClient client = new IntakeClient(ForwarderConfig.of(URI.create(url.replace("/v1/envelopes", ""))))) {
      assertTrue(client.setsNoDelay());
    }
  }
}
