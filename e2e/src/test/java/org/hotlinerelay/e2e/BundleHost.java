// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A partner's web host on loopback: serves a bundle's files ({@code Bundle#files()}) as a plain
 * static host would, {@code index.html} for a folder, 404 for anything else. Its own origin
 * ({@code http://localhost:<port>/}) differs from the relay's ({@code 127.0.0.1}).
 */
final class BundleHost implements AutoCloseable {
  private final HttpServer server;

  BundleHost(Map<String, String> files) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath().substring(1);
      String body = files.get(path.isEmpty() || path.endsWith("/") ? path + "index.html" : path);
      byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", path.endsWith(".css") ? "text/css" : "text/html; charset=utf-8");
      ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
      try (var out = ex.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  /** The bundle's root, on another origin than the relay's. */
  String url() {
    return "http://localhost:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
