package org.imaginglake.spark.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.imaginglake.spark.lake.Lake;

/**
 * The table writes of one run. Every Delta commit has a fixed cost of about half a second on 2 cores, little of it
 * CPU, so: tables the lake lacks are created empty on driver threads while the executors parse ({@link #start}),
 * and independent writes run side by side ({@link #inParallel}).
 *
 * <p>A table created by this run is written by a plain append: the run's rows are unique on the table's key, so a
 * MERGE into the empty table would do the same, slower. Any other table gets {@link Lake#upsert}.
 */
public final class TableWrites {
  private final Lake lake;
  private final Set<String> created = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> creating;

  private TableWrites(Lake lake, List<String> tables) {
    this.lake = lake;
    if (tables.isEmpty()) {
      creating = CompletableFuture.completedFuture(null);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(tables.size(), daemon("ingest-create-table"));
    creating = CompletableFuture.allOf(tables.stream()
            .map(t -> CompletableFuture.runAsync(() -> {
              if (lake.ensure(t)) {
                created.add(t);
              } else {
                lake.upgrade(t);
              }
            }, pool))
            .toArray(CompletableFuture[]::new))
        .whenComplete((v, e) -> pool.shutdown());
  }

  /**
   * Starts, in the background, creating those of {@code tables} that the lake lacks and adding to the others the
   * columns a newer schema declares ({@link Lake#upgrade}).
   */
  static TableWrites start(Lake lake, List<String> tables) {
    return new TableWrites(lake, tables);
  }

  /** Waits until the tables are created; rethrows a failure to create one. */
  void awaitCreated() {
    try {
      creating.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    }
  }

  /** Appends to a table created by this run, else upserts on the table's key (see {@link Lake#upsert}). */
  void write(String table, Dataset<Row> rows, boolean updateMatched) {
    if (created.contains(table)) {
      lake.append(table, rows);
    } else {
      lake.upsert(table, rows, updateMatched);
    }
  }

  /** Runs {@code writes} at once on driver threads and waits for all; the first failure is rethrown. */
  public static void inParallel(List<Runnable> writes) {
    if (writes.size() <= 1) {
      writes.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(writes.size(), daemon("ingest-table-write"));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Runnable w : writes) {
        running.add(pool.submit(w));
      }
      RuntimeException failure = null;
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (failure == null) {
            failure = cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
          } else {
            failure.addSuppressed(cause);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while writing tables", e);
    } finally {
      pool.shutdownNow();
    }
  }

  static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
