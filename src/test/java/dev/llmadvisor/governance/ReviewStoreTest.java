package dev.llmadvisor.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmadvisor.rules.Verdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reviews in SQL on H2 and on a real PostgreSQL: read back oldest first, per decision, only for a
 * recorded decision, never updated or deleted; and the review rules of the decision log.
 */
class ReviewStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456Z");
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  @ParameterizedTest
  @EnumSource(Databases.class)
  void reviewsReadBackOldestFirstAndAreNeverChanged(Databases db) throws SQLException {
    DataSource ds = db.fresh();
    DecisionStore decisions = new DecisionStore(ds, JSON);
    ReviewStore store = new ReviewStore(ds);
    for (String id : List.of("d-1", "d-2")) {
      Decision d = DecisionStoreTest.decision(id, T0, "p", Verdict.APPROVED, "alice");
      decisions.insert(d, d.plan().toString());
    }
    Review later = new Review("R-2", "d-1", "bob", "approved", null, T0.plusSeconds(60));
    Review earlier = new Review("R-1", "d-1", "carol", "changes-requested", "why?", T0);
    Review other = new Review("R-3", "d-2", "bob", "rejected", "no", T0);
    // stored order is the order of record (seq), not of the given time
    store.insert(earlier);
    store.insert(later);
    store.insert(other);
    assertThat(store.of("d-1")).containsExactly(earlier, later);
    assertThat(store.of(List.of("d-1", "d-2", "d-none")))
        .isEqualTo(Map.of("d-1", List.of(earlier, later), "d-2", List.of(other)));
    assertThat(store.of("d-none")).isEmpty();

    // only for a recorded decision, an id once
    assertThatThrownBy(() -> store.insert(new Review("R-4", "d-none", "bob", "approved", null, T0)))
        .isInstanceOf(DecisionStore.DecisionStoreException.class);
    assertThatThrownBy(() -> store.insert(earlier))
        .isInstanceOf(DecisionStore.DecisionStoreException.class);

    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE review SET outcome = 'rejected'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("reviews are append-only: UPDATE refused");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM review"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("reviews are append-only: DELETE refused");
    }
    assertThat(store.of("d-1")).containsExactly(earlier, later);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void theLogRefusesSelfReviewAndApprovalOfUnwaivedErrors(Databases db) {
    DataSource ds = db.fresh();
    DecisionLog log = new DecisionLog(new DecisionStore(ds, JSON), new ReviewStore(ds), JSON);
    var findings = JsonNodeFactory.instance.arrayNode();
    findings
        .addObject()
        .put("ruleId", "A-BLOCKER")
        .put("severity", "BLOCKER")
        .put("state", "active");
    findings.addObject().put("ruleId", "AN-ERROR").put("severity", "ERROR").put("state", "active");
    findings
        .addObject()
        .put("ruleId", "A-WARNING")
        .put("severity", "WARNING")
        .put("state", "active");
    var waived = findings.addObject().put("ruleId", "W-ERROR").put("severity", "ERROR");
    waived.put("state", "waived").putObject("waiver").put("id", "W-9");
    Decision base = DecisionStoreTest.decision("d-r", T0, "p", Verdict.REJECTED, "alice");
    Decision d =
        new Decision(
            base.decisionId(),
            base.evaluatedAt(),
            base.planName(),
            base.planHash(),
            base.planFormat(),
            base.rulesetVersion(),
            base.verdict(),
            findings,
            base.defaultsApplied(),
            base.submitter(),
            base.planSubmitted(),
            base.plan(),
            List.of(),
            null);
    new DecisionStore(ds, JSON).insert(d, d.plan().toString());
    assertThat(d.waiversApplied()).containsExactly("W-9");
    assertThat(d.unwaivedRejectingRuleIds()).containsExactly("A-BLOCKER", "AN-ERROR");

    var approve = JsonNodeFactory.instance.objectNode().put("outcome", "approved");
    assertThatThrownBy(() -> log.review("d-r", approve, "alice", T0))
        .isInstanceOfSatisfying(
            ReviewRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReviewRefusedException.Reason.SELF_REVIEW));
    assertThatThrownBy(() -> log.review("d-r", approve, "bob", T0))
        .isInstanceOfSatisfying(
            ReviewRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReviewRefusedException.Reason.UNWAIVED_FINDINGS);
              assertThat(e.errors())
                  .extracting("rejectedValue")
                  .containsExactly("A-BLOCKER", "AN-ERROR");
            });
    var reject = JsonNodeFactory.instance.objectNode().put("outcome", "rejected");
    Review r = log.review("d-r", reject, "bob", T0).orElseThrow();
    assertThat(log.review("d-none", reject, "bob", T0)).isEmpty();
    Decision read = log.find("d-r").orElseThrow();
    assertThat(read.reviews()).containsExactly(r);
    assertThat(read.waiversApplied()).containsExactly("W-9");
  }
}
