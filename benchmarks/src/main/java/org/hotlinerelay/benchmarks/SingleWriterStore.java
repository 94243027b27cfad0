package org.hotlinerelay.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hotlinerelay.protocol.store.DurableStore;

/**
 * The previous DurableStore design, kept only for comparison in {@link StoreBench}: one writer
 * thread takes every waiting put, fsyncs each temp file in turn, renames all, one folder fsync.
 */
final class SingleWriterStore implements AutoCloseable {
  private final Path dir;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  private record Pending(String name, byte[] data, CompletableFuture<Void> done) {}

  SingleWriterStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    writer = new Thread(this::writeLoop, "single-writer");
    writer.setDaemon(true);
    writer.start();
  }

  void put(String name, byte[] data) throws IOException, InterruptedException {
    Pending p = new Pending(name, data, new CompletableFuture<>());
    queue.add(p);
    try {
      p.done().get();
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (!closed) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 255);
        commit(batch);
      } catch (InterruptedException e) {
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Pending> batch) {
    try {
      List<Path> temps = new ArrayList<>();
      for (Pending p : batch) {
        Path temp = dir.resolve(".tmp-" + p.name());
        temps.add(temp);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(p.data());
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
      }
      for (int i = 0; i < batch.size(); i++) {
        Files.move(temps.get(i), dir.resolve(batch.get(i).name()), StandardCopyOption.ATOMIC_MOVE);
      }
      DurableStore.syncDirectory(dir);
      batch.forEach(p -> p.done().complete(null));
    } catch (IOException e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    writer.join();
  }
}
