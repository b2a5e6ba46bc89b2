package dev.llmadvisor.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reviews in SQL, the same statements on H2 and PostgreSQL ({@code db/migration/common/V5}). Only
 * INSERT and SELECT; a trigger in each database refuses UPDATE and DELETE ({@code V6}).
 */
public class ReviewStore {
  private static final String COLUMNS =
      "review_id, decision_id, reviewer, outcome, review_comment, reviewed_at";

  private final DataSource dataSource;

  public ReviewStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores one review and commits before returning. */
  public void insert(Review r) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("INSERT INTO review (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      s.setString(1, r.id());
      s.setString(2, r.decisionId());
      s.setString(3, r.reviewer());
      s.setString(4, r.outcome());
      s.setString(5, r.comment());
      s.setObject(6, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
      s.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not store review " + r.id(), e);
    }
  }

  /** The reviews of one decision, oldest first. */
  public List<Review> of(String decisionId) {
    return of(List.of(decisionId)).getOrDefault(decisionId, List.of());
  }

  /** The reviews of each of these decisions, oldest first; decisions without one are absent. */
  public Map<String, List<Review>> of(Collection<String> decisionIds) {
    Map<String, List<Review>> out = new LinkedHashMap<>();
    if (decisionIds.isEmpty()) {
      return out;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(decisionIds.size(), "?"));
    String sql =
        "SELECT " + COLUMNS + " FROM review WHERE decision_id IN (" + marks + ") ORDER BY seq";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      int i = 1;
      for (String id : decisionIds) {
        s.setString(i++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Review review =
              new Review(
                  r.getString("review_id"),
                  r.getString("decision_id"),
                  r.getString("reviewer"),
                  r.getString("outcome"),
                  r.getString("review_comment"),
                  r.getObject("reviewed_at", OffsetDateTime.class).toInstant());
          out.computeIfAbsent(review.decisionId(), k -> new ArrayList<>()).add(review);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not read reviews", e);
    }
  }
}
