package io.eipfailover.examples.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Forwards connections accepted on a Unix socket to a TCP port on this host's loopback. The EC2
 * fake (WireMock) binds 127.0.0.1 of the test JVM's namespace; a Unix socket is a file, visible
 * from every network namespace, so {@code relay.js} in the cloud namespace can reach the fake
 * through it without any interface, route or firewall rule on the host. Two daemon threads per
 * connection; {@link #close()} stops accepting and removes the socket file.
 */
final class UnixRelay implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path path;
  private volatile boolean closed;

  private UnixRelay(ServerSocketChannel server, Path path) {
    this.server = server;
    this.path = path;
  }

  static UnixRelay start(Path path, int loopbackPort) throws IOException {
    Files.deleteIfExists(path);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    UnixRelay relay = new UnixRelay(server, path);
    Thread accept = new Thread(() -> relay.acceptLoop(loopbackPort), "e2e-unix-relay-" + path.getFileName());
    accept.setDaemon(true);
    accept.start();
    return relay;
  }

  private void acceptLoop(int port) {
    while (!closed) {
      try {
        SocketChannel in = server.accept();
        SocketChannel out;
        try {
          out = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
          in.close();
          continue;
        }
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        if (!closed) {
          System.err.println("[e2e] unix relay " + path + ": " + e);
        }
        return;
      }
    }
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    Thread t = new Thread(() -> {
      ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
      try {
        while (from.read(buf) >= 0) {
          buf.flip();
          while (buf.hasRemaining()) {
            to.write(buf);
          }
          buf.clear();
        }
      } catch (IOException e) {
        // the other side went away; close both below
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // nothing left to do
        }
      }
    }, "e2e-unix-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    Files.deleteIfExists(path);
  }
}
