package dev.llmadvisor.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmadvisor.waiver.Waiver;
import dev.llmadvisor.waiver.WaiverScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The waiver store's SQL on H2 and on a real PostgreSQL: read back, revoked once, never erased. */
class WaiverStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aWaiverReadsBackIsRevokedOnceAndIsNeverErased(Databases db) throws SQLException {
    DataSource ds = db.fresh();
    WaiverStore store = new WaiverStore(ds, Duration.ofDays(90));
    Waiver byName =
        new Waiver(
            "W-1",
            "LICENCE-USER-THRESHOLD-EXCEEDED",
            WaiverScope.ofName("support-bot-*"),
            "Separate licence (LEG-311).",
            "LEG-311",
            "alice",
            T0.plus(Duration.ofDays(30)),
            null);
    Waiver byHash =
        new Waiver(
            "W-2",
            "KV-CACHE-TIGHT",
            WaiverScope.ofHash("a".repeat(64)),
            "Accepted.",
            null,
            "bob",
            T0.plus(Duration.ofDays(1)),
            null);
    store.insert(byName, T0);
    store.insert(byHash, T0);
    assertThat(store.all()).containsExactly(byName, byHash);

    Instant revokedAt = T0.plusSeconds(60);
    Waiver revoked = store.revoke("W-1", "carol", revokedAt).orElseThrow();
    assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
    // a second revoke keeps the first time
    assertThat(store.revoke("W-1", "dave", revokedAt.plusSeconds(60)).orElseThrow().revokedAt())
        .isEqualTo(revokedAt);
    assertThat(store.revoke("W-none", "carol", revokedAt)).isEmpty();

    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM waiver"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("waivers are never erased");
    }
    assertThat(store.all()).containsExactly(revoked, byHash);
    // a waiver id is stored once
    assertThatThrownBy(() -> store.insert(byHash, T0))
        .isInstanceOf(DecisionStore.DecisionStoreException.class);
  }

  static Waiver waiver(String id, Instant expiresAt) {
    return new Waiver(
        id,
        "LICENCE-USER-THRESHOLD-EXCEEDED",
        WaiverScope.ofName("support-bot-*"),
        "Separate licence (LEG-311).",
        "LEG-311",
        "alice",
        expiresAt,
        null);
  }

  /**
   * The list is read once and kept: a create or a revoke through the store is seen by the next
   * read; an unchanged store answers the same list without reading the table again.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void theKeptListFollowsEveryCreateAndRevoke(Databases db) {
    WaiverStore store = new WaiverStore(db.fresh(), Duration.ofDays(90), false);
    assertThat(store.all()).isEmpty();
    Waiver w1 = waiver("W-1", T0.plus(Duration.ofDays(30)));
    store.insert(w1, T0);
    List<Waiver> after = store.all();
    assertThat(after).containsExactly(w1);
    assertThat(store.all()).isSameAs(after);

    Waiver revoked = store.revoke("W-1", "carol", T0.plusSeconds(60)).orElseThrow();
    assertThat(store.all()).containsExactly(revoked);
    Waiver w2 = waiver("W-2", T0.plus(Duration.ofDays(1)));
    store.insert(w2, T0);
    assertThat(store.all()).containsExactly(revoked, w2);
  }

  /**
   * Two instances on one database (PostgreSQL behind a load balancer): what one creates or revokes,
   * the other's next read sees, because a shared store checks the table's stamp before it uses its
   * list.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aSharedStoreSeesWhatAnotherInstanceChanged(Databases db) {
    DataSource ds = db.fresh();
    WaiverStore a = new WaiverStore(ds, Duration.ofDays(90), true);
    WaiverStore b = new WaiverStore(ds, Duration.ofDays(90), true);
    assertThat(b.all()).isEmpty();
    Waiver w1 = waiver("W-1", T0.plus(Duration.ofDays(30)));
    a.insert(w1, T0);
    List<Waiver> seen = b.all();
    assertThat(seen).containsExactly(w1);
    assertThat(b.all()).isSameAs(seen);
    Waiver revoked = a.revoke("W-1", "carol", T0.plusSeconds(60)).orElseThrow();
    assertThat(b.all()).containsExactly(revoked);
  }
}
