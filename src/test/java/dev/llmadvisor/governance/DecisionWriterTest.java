package dev.llmadvisor.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The group commit of the decision log on H2 and PostgreSQL: a future completes only once its row
 * is committed (readable through another connection), a batch is all or nothing, and a row the
 * database refuses fails its own future and no other.
 */
class DecisionWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");

  static DecisionStore.Row row(String id) {
    return new DecisionStore.Row(
        new Decision(
            id,
            T0,
            "support-assistant",
            "a".repeat(64),
            "json",
            "v1",
            "APPROVED",
            null,
            null,
            "anonymous",
            "{\"name\":\"support-assistant\"}",
            null,
            List.of(),
            null),
        "[]",
        "[]",
        null,
        "{\"name\":\"support-assistant\"}");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void everyFutureCompletesAfterItsRowIsCommitted(Databases db) throws Exception {
    DataSource ds = db.fresh();
    DecisionStore store = new DecisionStore(ds, JSON);
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<String>>> work = new ArrayList<>();
    try (DecisionWriter writer = new DecisionWriter(store)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> missing = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    String id = "d-" + thread + "-" + i;
                    writer.submit(row(id)).get(30, TimeUnit.SECONDS);
                    // Completed means committed: another connection reads it at once.
                    if (store.find(id).isEmpty()) {
                      missing.add(id);
                    }
                  }
                  return missing;
                }));
      }
      start.countDown();
      for (Future<List<String>> f : work) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list(new DecisionQuery(null, null, null, 0, 1)).total())
        .isEqualTo(threads * each);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aBatchIsCommittedWhole(Databases db) {
    DataSource ds = db.fresh();
    DecisionStore store = new DecisionStore(ds, JSON);
    store.insert(List.of(row("b-1"), row("b-2"), row("b-3")));
    assertThat(store.find("b-2")).isPresent();
    // b-4 is new, b-2 is stored already (decision ids are unique): neither is committed.
    assertThatThrownBy(() -> store.insert(List.of(row("b-4"), row("b-2"))))
        .isInstanceOf(DecisionStore.DecisionStoreException.class)
        .hasMessageContaining("b-4 and 1 more in its batch");
    assertThat(store.find("b-4")).isEmpty();
    assertThat(store.list(new DecisionQuery(null, null, null, 0, 1)).total()).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aRefusedRowFailsOnlyItsOwnRequest(Databases db) throws Exception {
    DataSource ds = db.fresh();
    DecisionStore store = new DecisionStore(ds, JSON);
    store.insert(List.of(row("taken")));
    List<CompletableFuture<Void>> good = new ArrayList<>();
    CompletableFuture<Void> refused;
    try (DecisionWriter writer = new DecisionWriter(store)) {
      // Submitted together, so that most land in one batch with the refused one.
      for (int i = 0; i < 10; i++) {
        good.add(writer.submit(row("ok-" + i)));
      }
      refused = writer.submit(row("taken"));
      for (int i = 10; i < 20; i++) {
        good.add(writer.submit(row("ok-" + i)));
      }
      for (CompletableFuture<Void> f : good) {
        f.get(30, TimeUnit.SECONDS);
      }
      assertThatThrownBy(() -> refused.get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(DecisionStore.DecisionStoreException.class)
          .hasMessageContaining("taken");
    }
    for (int i = 0; i < 20; i++) {
      assertThat(store.find("ok-" + i)).isPresent();
    }
    assertThat(store.list(new DecisionQuery(null, null, null, 0, 1)).total()).isEqualTo(21);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aClosedWriterRefusesAndDecisionLogAwaitThrowsTheFailure(Databases db) {
    DecisionStore store = new DecisionStore(db.fresh(), JSON);
    DecisionWriter writer = new DecisionWriter(store);
    writer.close();
    CompletableFuture<Void> late = writer.submit(row("late"));
    assertThatThrownBy(() -> DecisionLog.await(late))
        .isInstanceOf(DecisionStore.DecisionStoreException.class)
        .hasMessageContaining("shutting down");
    assertThat(store.find("late")).isEmpty();
  }
}
