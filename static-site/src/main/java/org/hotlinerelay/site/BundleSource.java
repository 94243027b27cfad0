// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where a deployed copy of a partner bundle is read from: a web address (each file fetched with a
 * plain GET: no cookie, no redirect followed, a time limit) or a saved folder.
 */
interface BundleSource {
  /** The file at this bundle path ({@code index.html}, {@code fr/index.html}, …). */
  Fetched fetch(String path) throws IOException, InterruptedException;

  /** Whether the response headers are known (a folder has none). */
  boolean hasHeaders();

  /**
   * One file as served.
   *
   * @param status the HTTP status (200 for a file found in a folder, 404 for one missing)
   * @param headers lower-case header names to values; empty for a folder
   */
  record Fetched(int status, byte[] body, Map<String, List<String>> headers) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : String.join(", ", v);
    }
  }

  /** The bundle below this address: {@code http(s)://host/path/} (a trailing "/" is added). */
  static BundleSource web(URI base, Duration timeout) {
    URI root = base.toString().endsWith("/") ? base : URI.create(base + "/");
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout).build();
    return new BundleSource() {
      @Override
      public Fetched fetch(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(root.resolve(path)).timeout(timeout).GET().build();
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new java.util.HashMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new Fetched(r.statusCode(), r.body(), headers);
      }

      @Override
      public boolean hasHeaders() {
        return true;
      }
    };
  }

  /** A saved copy: the bundle's files below this folder. */
  static BundleSource folder(Path dir) {
    return new BundleSource() {
      @Override
      public Fetched fetch(String path) throws IOException {
        try {
          return new Fetched(200, Files.readAllBytes(dir.resolve(path)), Map.of());
        } catch (NoSuchFileException e) {
          return new Fetched(404, new byte[0], Map.of());
        }
      }

      @Override
      public boolean hasHeaders() {
        return false;
      }
    };
  }
}
