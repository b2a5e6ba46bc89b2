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
import java.util.concurrent.atomic.AtomicLong;
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
  private final boolean shared;

  /**
   * The waivers as last read, with the {@link #changes} count they were read at and their {@link
   * Stamp}; null until the first read. See {@link #all()}.
   */
  private volatile Cached cached;

  /** Incremented after every create and revoke through this store: a cache of before is stale. */
  private final AtomicLong changes = new AtomicLong();

  private record Cached(long changes, Stamp stamp, List<Waiver> waivers) {}

  /**
   * What changes when a waiver is created or revoked: rows are never deleted and {@code revoked_at}
   * is set once, so the number of rows, the highest {@code seq} and the number revoked only grow.
   */
  record Stamp(long rows, long maxSeq, long revoked) {}

  @Inject
  public WaiverStore(
      @DataSource("h2") InjectableInstance<AgroalDataSource> h2,
      @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgresql,
      @ConfigProperty(name = "advisor.waivers.max-lifetime", defaultValue = "P90D")
          Duration maxLifetime,
      @ConfigProperty(name = "advisor.waivers.shared-database") Optional<Boolean> shared) {
    // PostgreSQL may be shared by several instances (docs/governance.md); H2's file is opened by
    // one process only, so every change to it goes through this store.
    this(
        DecisionLog.active(h2, postgresql),
        maxLifetime,
        shared.orElseGet(() -> postgresql.getHandle().getBean().isActive()));
  }

  public WaiverStore(javax.sql.DataSource dataSource, Duration maxLifetime) {
    this(dataSource, maxLifetime, true);
  }

  /**
   * @param shared other processes may change the waivers in this database: each {@link #all()}
   *     checks their {@link Stamp} (one small query) before it uses what it read before
   */
  public WaiverStore(javax.sql.DataSource dataSource, Duration maxLifetime, boolean shared) {
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException(
          "advisor.waivers.max-lifetime must be positive, got " + maxLifetime);
    }
    this.dataSource = dataSource;
    this.maxLifetime = maxLifetime;
    this.shared = shared;
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
    try {
      write(w, createdAt);
    } finally {
      changes.incrementAndGet();
    }
  }

  private void write(Waiver w, Instant createdAt) {
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

  /**
   * Every waiver, revoked and expired ones included, oldest first. Read from the database once and
   * kept until a waiver is created or revoked through this store; with a {@code shared} database
   * also until its {@link Stamp} changes (another instance created or revoked one). Expiry needs no
   * invalidation: expired waivers are in the list, and the rules decide at each evaluation's
   * instant which are live (docs/waivers.md), so the list is the same before and after an expiry.
   */
  public List<Waiver> all() {
    long seen = changes.get();
    Cached c = cached;
    if (c != null && c.changes == seen && !shared) {
      return c.waivers;
    }
    try (Connection conn = dataSource.getConnection()) {
      if (c != null && c.changes == seen && c.stamp.equals(stamp(conn))) {
        return c.waivers;
      }
      List<Waiver> out = new ArrayList<>();
      try (PreparedStatement s =
              conn.prepareStatement("SELECT " + COLUMNS + ", seq FROM waiver ORDER BY seq");
          ResultSet r = s.executeQuery()) {
        long maxSeq = 0;
        long revoked = 0;
        while (r.next()) {
          Waiver w = read(r);
          out.add(w);
          maxSeq = Math.max(maxSeq, r.getLong("seq"));
          revoked += w.revokedAt() == null ? 0 : 1;
        }
        List<Waiver> read = List.copyOf(out);
        // Kept with the count of changes seen before the read: a change made meanwhile makes it
        // stale at once, so a list that may miss it is never used again.
        cached = new Cached(seen, new Stamp(read.size(), maxSeq, revoked), read);
        return read;
      }
    } catch (SQLException e) {
      throw new DecisionStore.DecisionStoreException("could not read waivers", e);
    }
  }

  private static Stamp stamp(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*), COALESCE(MAX(seq), 0), COUNT(revoked_at) FROM waiver");
        ResultSet r = s.executeQuery()) {
      r.next();
      return new Stamp(r.getLong(1), r.getLong(2), r.getLong(3));
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
    try {
      markRevoked(id, reviewer, now);
    } finally {
      changes.incrementAndGet();
    }
    return find(id);
  }

  private void markRevoked(String id, String reviewer, Instant now) {
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
