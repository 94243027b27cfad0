// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.relay.forward;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal SOCKS5 server for tests (RFC 1928: no authentication, CONNECT only) on 127.0.0.1:0.
 * It records the address type and the destination it was asked for, then connects to a fixed
 * loopback target (the fake intake) whatever was asked — standing in for Tor resolving a .onion.
 */
final class Socks5TestServer implements AutoCloseable {
  static final int ATYP_IPV4 = 1;
  static final int ATYP_DOMAINNAME = 3;
  static final int ATYP_IPV6 = 4;

  /** One CONNECT request as received. */
  record Request(int addressType, String host, int port) {}

  private final ServerSocket server;
  private final int targetPort;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  Socks5TestServer(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "socks5-test");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  List<Request> requests() {
    return requests;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "socks5-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      if (in.readUnsignedByte() != 5) {
        return;
      }
      int methods = in.readUnsignedByte();
      byte[] offered = in.readNBytes(methods);
      if (!contains(offered, 0)) {
        out.write(new byte[] {5, (byte) 0xFF});
        return;
      }
      out.write(new byte[] {5, 0});
      int version = in.readUnsignedByte();
      int command = in.readUnsignedByte();
      in.readUnsignedByte(); // reserved
      int atyp = in.readUnsignedByte();
      String host = switch (atyp) {
        case ATYP_IPV4 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
        case ATYP_IPV6 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
        case ATYP_DOMAINNAME -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
        default -> throw new IOException("bad address type");
      };
      int port = in.readUnsignedShort();
      requests.add(new Request(atyp, host, port));
      if (version != 5 || command != 1) {
        out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
        return;
      }
      try (Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
        out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
        Thread up = pump(client.getInputStream(), target.getOutputStream(), target);
        pump(target.getInputStream(), out, client).join();
        up.join(1_000);
      }
    } catch (IOException | InterruptedException e) {
      // Connection ended.
    }
  }

  private static Thread pump(InputStream from, OutputStream to, Socket toSocket) {
    Thread t = new Thread(() -> {
      try {
        from.transferTo(to);
        toSocket.shutdownOutput();
      } catch (IOException ended) {
        // Either side closed.
      }
    }, "socks5-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static boolean contains(byte[] values, int value) {
    for (byte b : values) {
      if (b == value) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
