// SPDX-License-Identifier: Apache-2.0
package org.hotlinerelay.hotline.workstation.web;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hotlinerelay.hotline.workstation.CaseExport;
import org.hotlinerelay.hotline.workstation.Item;
import org.hotlinerelay.hotline.workstation.Workstation;

/**
 * The workstation's exports, each run on the export thread so the request that asks for one
 * answers at once: one at a time ({@link #start} refuses a second while one runs), each known by
 * an unguessable id (128 random bits) that names no report, so its status page can be watched
 * while it runs and read once it is done. The id is handed only to the session that asked (the
 * workstation's one session); every page, the status page too, needs that session's cookie.
 */
final class Exports {
  /** Shown when the file exists: the name carries the second, so waiting a second gives a new one. */
  static final String EXISTS = "An export of that name exists already; wait a second and export again.";
  private final Workstation ws;
  private final Executor thread;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicReference<Job> running = new AtomicReference<>();

  Exports(Workstation ws, Executor thread) {
    this.ws = ws;
    this.thread = thread;
  }

  /**
   * One export: its file, how many reports it writes and has written, and once it ends either what
   * it wrote or the problem that stopped it (the partial file is deleted, {@link CaseExport}).
   */
  static final class Job {
    final String id;
    final Path file;
    final int total;
    private final AtomicInteger done = new AtomicInteger();
    private volatile CaseExport.Summary summary;
    private volatile String problem;

    private Job(String id, Path file, int total) {
      this.id = id;
      this.file = file;
      this.total = total;
    }

    int done() {
      return done.get();
    }

    /** What it wrote; empty while it runs or when it failed. */
    Optional<CaseExport.Summary> summary() {
      return Optional.ofNullable(summary);
    }

    /** Why the export failed; empty while it runs or when it succeeded. */
    Optional<String> problem() {
      return Optional.ofNullable(problem);
    }

    @Override
    public String toString() {
      return "Export[" + done() + " of " + total + "]";
    }
  }

  /** Starts writing {@code items} to {@code file}; empty when another export is still running. */
  Optional<Job> start(List<Item> items, CaseExport format, Path file) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    Job job = new Job(HexFormat.of().formatHex(bytes), file, items.size());
    if (!running.compareAndSet(null, job)) {
      return Optional.empty();
    }
    jobs.put(job.id, job);
    try {
      thread.execute(() -> run(job, items, format));
    } catch (RejectedExecutionException e) {
      end(job, null, "The workstation is stopping; nothing was exported.");
    }
    return Optional.of(job);
  }

  /** The running export, if any. */
  Optional<Job> running() {
    return Optional.ofNullable(running.get());
  }

  Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  private void run(Job job, List<Item> items, CaseExport format) {
    try {
      end(job, ws.export(items, format, job.file, (done, total) -> job.done.set(done)), null);
    } catch (FileAlreadyExistsException e) {
      end(job, null, EXISTS);
    } catch (IOException | RuntimeException e) {
      // The class names the failure; its message could carry a path or report text.
      end(job, null, "The export could not be written (" + e.getClass().getSimpleName() + "). "
          + "Check that the export folder has space and is writable, then export again.");
    }
  }

  private void end(Job job, CaseExport.Summary summary, String problem) {
    job.summary = summary;
    job.problem = problem;
    running.compareAndSet(job, null);
  }
}
