// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw HTTP/1.1 client over a socket, for what HttpClient would normalise: exact headers, the
 * source address (any 127/8 address on Linux), bodies that never finish. Loopback only.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A parsed response. Header names are lower-cased. */
  public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    public String header(String name) {
      return headers.stream().filter(h -> h.getKey().equals(name.toLowerCase(Locale.ROOT)))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    public List<String> headerNames() {
      return headers.stream().map(Map.Entry::getKey).toList();
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public static Response send(int port, byte[] request) throws IOException {
    return send("127.0.0.1", port, request);
  }

  /** Sends {@code request} from {@code sourceAddress} and reads the whole answer (the server closes). */
  public static Response send(String sourceAddress, int port, byte[] request) throws IOException {
    try (Socket socket = open(sourceAddress, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      return read(socket.getInputStream());
    }
  }

  public static Socket open(String sourceAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    socket.setSoTimeout(15_000);
    return socket;
  }

  /** Reads to end of stream; returns the first response in it. */
  public static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        all.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("server did not close the connection", e);
    } catch (java.net.SocketException reset) {
      // A reset after the answer is fine: parse what arrived.
    }
    return parse(all.toByteArray());
  }

  public static Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IOException("no complete response (" + raw.length + " bytes)");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(Map.entry(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip()));
    }
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    return new Response(status, headers, body);
  }

  public static byte[] get(String path, String... extraHeaders) {
    return request("GET", path, null, new byte[0], extraHeaders);
  }

  public static byte[] post(String path, String contentType, String body, String... extraHeaders) {
    return request("POST", path, contentType, body.getBytes(StandardCharsets.UTF_8), extraHeaders);
  }

  public static byte[] request(String method, String path, String contentType, byte[] body, String... extraHeaders) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (String h : extraHeaders) {
      head.append(h).append("\r\n");
    }
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body.length > 0 || method.equals("POST")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }
}
