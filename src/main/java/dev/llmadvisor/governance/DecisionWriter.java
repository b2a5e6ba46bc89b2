package dev.llmadvisor.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Group commit of the decision log: requests hand their decision to one writer thread, which
 * commits what has queued up since its last commit in one transaction, then completes each
 * request's future. A request answers only once its future is complete, so every answer still has
 * its committed record (docs/governance.md, "Group commit"); what changes is that concurrent
 * requests share one commit (and H2 one write of its file) instead of queueing for one each.
 *
 * <p>If a batch fails, its rows are tried again one by one, so that one bad row fails only its own
 * request. A request whose row is not committed gets its future completed with a {@link
 * DecisionStore.DecisionStoreException}: it fails, it is never answered as if recorded.
 */
public final class DecisionWriter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DecisionWriter.class);

  /** At most this many decisions in one transaction. */
  static final int MAX_BATCH = 256;

  /** Requests waiting for the writer beyond this many are refused (503), not queued. */
  static final int MAX_QUEUED = 10_000;

  private record Pending(DecisionStore.Row row, CompletableFuture<Void> done) {}

  private final DecisionStore store;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
  private final Thread thread;
  private volatile boolean closed;

  public DecisionWriter(DecisionStore store) {
    this.store = store;
    this.thread = new Thread(this::run, "decision-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues one decision. The future completes once it is committed, or exceptionally with a {@link
   * DecisionStore.DecisionStoreException} if it could not be.
   */
  public CompletableFuture<Void> submit(DecisionStore.Row row) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(failure(row, "the decision log is shutting down", null));
    } else if (!queue.offer(new Pending(row, done))) {
      done.completeExceptionally(
          failure(row, MAX_QUEUED + " decisions are already waiting to be written", null));
    }
    return done;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (true) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        if (!closed) {
          LOG.warn("decision writer interrupted; it goes on until closed");
        }
      } catch (RuntimeException | Error e) {
        // Never leave a request waiting: whatever went wrong fails the batch's requests.
        for (Pending p : batch) {
          p.done.completeExceptionally(failure(p.row, "the decision writer failed", e));
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    try {
      store.insert(batch.stream().map(Pending::row).toList());
      batch.forEach(p -> p.done.complete(null));
      return;
    } catch (DecisionStore.DecisionStoreException e) {
      if (batch.size() == 1) {
        batch.get(0).done.completeExceptionally(e);
        return;
      }
      LOG.warnf("a batch of %d decisions failed; writing them one by one: %s", batch.size(), e);
    }
    for (Pending p : batch) {
      try {
        store.insert(List.of(p.row));
        p.done.complete(null);
      } catch (RuntimeException e) {
        p.done.completeExceptionally(e);
      }
    }
  }

  private static DecisionStore.DecisionStoreException failure(
      DecisionStore.Row row, String why, Throwable cause) {
    return new DecisionStore.DecisionStoreException(
        "could not record decision " + row.decision().decisionId() + ": " + why, cause);
  }

  /** Writes what is queued, then stops the thread (waiting at most 10 s). */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Pending p; (p = queue.poll()) != null; ) {
      p.done.completeExceptionally(failure(p.row, "the decision log was closed", null));
    }
  }
}
