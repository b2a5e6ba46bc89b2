package dev.llmadvisor.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmadvisor.plan.FieldError;
import dev.llmadvisor.rules.RuleInfo;
import dev.llmadvisor.waiver.InvalidWaiversException;
import dev.llmadvisor.waiver.Waiver;
import dev.llmadvisor.waiver.WaiverFile;
import dev.llmadvisor.waiver.WaiverScope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's waivers (docs/waivers.md), in the decision log's database. A waiver is created by a
 * reviewer, read strictly by {@link WaiverFile} (the same checks as {@code advisor check
 * --waivers}), and never erased: a revoke sets {@code revoked_at} and the row stays.
 */
@ApplicationScoped
public class WaiverStore {
  /** Fields the server sets; a request that gives them is refused. */
  static final List<String> SERVER_FIELDS = List.of("id", "approvedBy", "revokedAt");

  private static final String COLUMNS =
      "waiver_id, rule_id, plan_name, plan_hash, reason, ticket, approved_by, expires_at,"
          + " revoked_at";

  private final javax.sql.DataSource dataSource;
  private final Duration maxLifetime;

  @Inject
  public WaiverStore(
      @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
      @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql,
      @ConfigProperty(name = "advisor.waivers.max-lifetime", defaultValue = "P90D")
          Duration maxLifetime) {
    this(DecisionLog.active(h2, postgresql), maxLifetime);
  }

  public WaiverStore(javax.sql.DataSource dataSource, Duration maxLifetime) {
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException(
          "advisor.waivers.max-lifetime must be positive, got " + maxLifetime);
    }
    this.dataSource = dataSource;
    this.maxLifetime = maxLifetime;
  }

  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * Creates a waiver from one entry of the waiver file, without {@code id}, {@code approvedBy} and
   * {@code revokedAt} (the server sets the first two). Checked as the file is, against the serving
   * rules, and {@code expiresAt} must be after {@code now} and at most the maximum lifetime ahead.
   *
   * @throws InvalidWaiversException each problem naming its field ({@code expiresAt})
   */
  public Waiver create(JsonNode body, List<RuleInfo> rules, String reviewer, Instant now) {
    if (body == null || !body.isObject()) {
      throw new InvalidWaiversException(
          "invalid waiver",
          List.of(FieldError.of("", "must be a JSON object: one entry of the waiver file", null)));
    }
    List<FieldError> errors = new ArrayList<>();
    for (String f : SERVER_FIELDS) {
      if (body.has(f)) {
        errors.add(FieldError.of(f, "set by the server; leave it out", body.get(f).toString()));
      }
    }
    ObjectNode entry = ((ObjectNode) body).deepCopy();
    SERVER_FIELDS.forEach(entry::remove);
    String id = "W-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    entry.put("id", id);
    entry.put("approvedBy", reviewer);
    ArrayNode list = JsonNodeFactory.instance.arrayNode().add(entry);
    List<FieldError> read = new ArrayList<>();
    List<Waiver> waivers = WaiverFile.list(list, rules, read);
    for (FieldError e : read) {
      // The file's names (waivers[0].expiresAt) as the request's (expiresAt).
      errors.add(
          new FieldError(
              e.field().replaceFirst("^waivers\\[0]\\.?", ""),
              e.message(),
              e.rejectedValue(),
              e.nearest()));
    }
    if (errors.isEmpty()) {
      Instant expiresAt = waivers.get(0).expiresAt();
      Instant latest = now.plus(maxLifetime);
      if (!expiresAt.isAfter(now)) {
        errors.add(FieldError.of("expiresAt", "must be in the future", expiresAt.toString()));
      } else if (expiresAt.isAfter(latest)) {
        errors.add(
            FieldError.of(
                "expiresAt",
                "at most "
                    + lifetime()
                    + " ahead (advisor.waivers.max-lifetime): "
                    + latest.truncatedTo(ChronoUnit.SECONDS)
                    + " at the latest",
                expiresAt.toString()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidWaiversException("invalid waiver", errors);
    }
    Waiver w = waivers.get(0);
    insert(w, now);
    return w;
  }

  private String lifetime() {
    return maxLifetime.equals(Duration.ofDays(maxLifetime.toDays()))
        ? maxLifetime.toDays() + " days"
        : maxLifetime.toString();
  }

  void insert(Waiver w, Instant createdAt) {
    String sql =
        "INSERT INTO waiver (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, w.id());
      s.setString(2, w.ruleId());
      s.setString(3, w.scope().planName());
      s.setString(4, w.scope().planHash());
      s.setString(5, w.reason());
      s.setString(6, w.ticket());
      s.setString(7, w.approvedBy());
      s.setObject(8, time(w.expiresAt()));
      s.setObject(9, w.revokedAt() == null ? null : time(w.revokedAt()));
      s.setObject(10, time(createdAt));
      s.executeUpdate();
      commit(c);
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not store waiver " + w.id(), e);
    }
  }

  /** Every waiver, revoked and expired ones included, oldest first. */
  public List<Waiver> all() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM waiver ORDER BY seq")) {
      List<Waiver> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(read(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not read waivers", e);
    }
  }

  public Optional<Waiver> find(String id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT " + COLUMNS + " FROM waiver WHERE waiver_id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not read waiver " + id, e);
    }
  }

  /**
   * Revokes a waiver: sets {@code revoked_at} once (a second revoke keeps the first time). The row
   * stays. Empty when there is no such waiver.
   */
  public Optional<Waiver> revoke(String id, String reviewer, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE waiver SET revoked_at = ?, revoked_by = ?"
                    + " WHERE waiver_id = ? AND revoked_at IS NULL")) {
      s.setObject(1, time(now));
      s.setString(2, reviewer);
      s.setString(3, id);
      s.executeUpdate();
      commit(c);
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not revoke waiver " + id, e);
    }
    return find(id);
  }

  private static Waiver read(ResultSet r) throws SQLException {
    OffsetDateTime revoked = r.getObject("revoked_at", OffsetDateTime.class);
    return new Waiver(
        r.getString("waiver_id"),
        r.getString("rule_id"),
        new WaiverScope(r.getString("plan_name"), r.getString("plan_hash")),
        r.getString("reason"),
        r.getString("ticket"),
        r.getString("approved_by"),
        r.getObject("expires_at", OffsetDateTime.class).toInstant(),
        revoked == null ? null : revoked.toInstant());
  }

  private static OffsetDateTime time(Instant t) {
    return OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static void commit(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }
}
