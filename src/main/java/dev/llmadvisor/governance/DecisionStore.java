package dev.llmadvisor.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The decision log in SQL: the same statements on H2 and PostgreSQL (schema in {@code
 * db/migration}). Only INSERT and SELECT: nothing here changes or removes a decision, and a trigger
 * in each database refuses it anyway.
 */
public class DecisionStore {
  private static final String COLUMNS =
      "decision_id, evaluated_at, plan_name, plan_hash, plan_format, ruleset_version, verdict,"
          + " findings, defaults_applied, submitter, admission_uid, admission_operation,"
          + " admission_outcome, admission_allowed, admission_enforced, admission_dry_run,"
          + " admission_message, admission_warnings, workload_kind, workload_namespace,"
          + " workload_name, workload_uid";
  private static final String INSERT =
      "INSERT INTO decision ("
          + COLUMNS
          + ", plan_submitted, plan_canonical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final DataSource dataSource;
  private final ObjectMapper json;

  public DecisionStore(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** Stores one decision and commits before returning. */
  public void insert(Decision d, String canonicalPlan) {
    insert(List.of(row(d, canonicalPlan)));
  }

  /**
   * One decision as the columns it is stored in, its JSON already written: what {@link
   * DecisionWriter} hands to {@link #insert(List)}. The decision's own findings and defaults trees
   * are not read (they may be null): {@code findings} and {@code defaultsApplied} are stored.
   *
   * @param decision its {@code evaluatedAt} in microseconds, as stored ({@link #micros})
   */
  public record Row(
      Decision decision,
      String findings,
      String defaultsApplied,
      String admissionWarnings,
      String planCanonical) {}

  /** The row of a decision built with its JSON as trees. */
  Row row(Decision d, String canonicalPlan) {
    Admission a = d.admission();
    return new Row(
        d,
        write(d.findings()),
        write(d.defaultsApplied()),
        a == null ? null : write(json.valueToTree(a.warnings())),
        canonicalPlan);
  }

  /**
   * Stores the rows in one transaction: all are committed when this returns, or none is (the
   * exception names the first row's id and how many there were).
   */
  public void insert(List<Row> rows) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      if (rows.size() > 1 && auto) {
        c.setAutoCommit(false);
      }
      try (PreparedStatement s = c.prepareStatement(INSERT)) {
        for (Row d : rows) {
          bind(s, d);
          if (rows.size() > 1) {
            s.addBatch();
          }
        }
        if (rows.size() > 1) {
          s.executeBatch();
        } else {
          s.executeUpdate();
        }
        if (!c.getAutoCommit()) {
          c.commit();
        }
      } catch (SQLException e) {
        if (!c.getAutoCommit()) {
          c.rollback();
        }
        throw e;
      } finally {
        if (c.getAutoCommit() != auto) {
          c.setAutoCommit(auto);
        }
      }
    } catch (SQLException e) {
      throw new DecisionStoreException(
          "could not record decision "
              + rows.get(0).decision().decisionId()
              + (rows.size() > 1 ? " and " + (rows.size() - 1) + " more in its batch" : ""),
          e);
    }
  }

  private static void bind(PreparedStatement s, Row row) throws SQLException {
    Decision d = row.decision();
    s.setString(1, d.decisionId());
    s.setObject(2, OffsetDateTime.ofInstant(d.evaluatedAt(), ZoneOffset.UTC));
    s.setString(3, d.planName());
    s.setString(4, d.planHash());
    s.setString(5, d.planFormat());
    s.setString(6, d.rulesetVersion());
    s.setString(7, d.verdict());
    s.setString(8, row.findings());
    s.setString(9, row.defaultsApplied());
    s.setString(10, d.submitter());
    Admission a = d.admission();
    s.setString(11, a == null ? null : a.uid());
    s.setString(12, a == null ? null : a.operation());
    s.setString(13, a == null ? null : a.outcome());
    s.setObject(14, a == null ? null : a.allowed(), java.sql.Types.BOOLEAN);
    s.setObject(15, a == null ? null : a.enforced(), java.sql.Types.BOOLEAN);
    s.setObject(16, a == null ? null : a.dryRun(), java.sql.Types.BOOLEAN);
    s.setString(17, a == null ? null : a.message());
    s.setString(18, row.admissionWarnings());
    s.setString(19, a == null ? null : a.kind());
    s.setString(20, a == null ? null : a.namespace());
    s.setString(21, a == null ? null : a.name());
    s.setString(22, a == null ? null : a.workloadUid());
    s.setString(23, d.planSubmitted());
    s.setString(24, row.planCanonical());
  }

  public Optional<Decision> find(String decisionId) {
    String sql =
        "SELECT "
            + COLUMNS
            + ", plan_submitted, plan_canonical FROM decision WHERE decision_id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, decisionId);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r, true)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DecisionStoreException("could not read decision " + decisionId, e);
    }
  }

  public DecisionPage list(DecisionQuery q) {
    Where where = where(q);
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM decision"
            + where.sql
            + " ORDER BY evaluated_at DESC, seq DESC LIMIT ? OFFSET ?";
    try (Connection c = dataSource.getConnection()) {
      List<Decision> items = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(sql)) {
        int i = where.bind(s);
        s.setInt(i++, q.size());
        s.setLong(i, (long) q.page() * q.size());
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            items.add(read(r, false));
          }
        }
      }
      long total;
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM decision" + where.sql)) {
        where.bind(s);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          total = r.getLong(1);
        }
      }
      return new DecisionPage(items, q.page(), q.size(), total);
    } catch (SQLException e) {
      throw new DecisionStoreException("could not list decisions", e);
    }
  }

  /** Every matching decision, oldest first, in full (page and size are ignored), for an audit. */
  public void export(DecisionQuery q, Consumer<Decision> each) {
    Where where = where(q);
    String sql =
        "SELECT "
            + COLUMNS
            + ", plan_submitted, plan_canonical FROM decision"
            + where.sql
            + " ORDER BY seq";
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement s = c.prepareStatement(sql)) {
        s.setFetchSize(200);
        where.bind(s);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            each.accept(read(r, true));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new DecisionStoreException("could not export decisions", e);
    }
  }

  private Decision read(ResultSet r, boolean full) throws SQLException {
    return new Decision(
        r.getString("decision_id"),
        r.getObject("evaluated_at", OffsetDateTime.class).toInstant(),
        r.getString("plan_name"),
        r.getString("plan_hash"),
        r.getString("plan_format"),
        r.getString("ruleset_version"),
        r.getString("verdict"),
        parse(r.getString("findings")),
        parse(r.getString("defaults_applied")),
        r.getString("submitter"),
        full ? r.getString("plan_submitted") : null,
        full ? parse(r.getString("plan_canonical")) : null,
        List.of(),
        admission(r));
  }

  private Admission admission(ResultSet r) throws SQLException {
    String uid = r.getString("admission_uid");
    if (uid == null) {
      return null;
    }
    List<String> warnings = new ArrayList<>();
    String stored = r.getString("admission_warnings");
    if (stored != null) {
      parse(stored).forEach(w -> warnings.add(w.asText()));
    }
    return new Admission(
        uid,
        r.getString("admission_operation"),
        r.getString("admission_outcome"),
        r.getBoolean("admission_allowed"),
        r.getBoolean("admission_enforced"),
        r.getBoolean("admission_dry_run"),
        r.getString("admission_message"),
        warnings,
        r.getString("workload_kind"),
        r.getString("workload_namespace"),
        r.getString("workload_name"),
        r.getString("workload_uid"));
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DecisionStoreException("a stored decision is not JSON", e);
    }
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new DecisionStoreException("could not write JSON", e);
    }
  }

  private static Where where(DecisionQuery q) {
    StringBuilder sql = new StringBuilder();
    List<Object> args = new ArrayList<>();
    if (q.plan() != null) {
      sql.append(" AND plan_name = ?");
      args.add(q.plan());
    }
    if (q.verdict() != null) {
      sql.append(" AND verdict = ?");
      args.add(q.verdict().name());
    }
    if (q.since() != null) {
      sql.append(" AND evaluated_at >= ?");
      args.add(OffsetDateTime.ofInstant(q.since(), ZoneOffset.UTC));
    }
    String text = sql.length() == 0 ? "" : " WHERE" + sql.substring(4);
    return new Where(text, args);
  }

  private record Where(String sql, List<Object> args) {
    int bind(PreparedStatement s) throws SQLException {
      int i = 1;
      for (Object a : args) {
        s.setObject(i++, a);
      }
      return i;
    }
  }

  /** A database failure while recording or reading decisions. */
  public static class DecisionStoreException extends RuntimeException {
    public DecisionStoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static Instant micros(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }
}
