package dev.llmadvisor.governance;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's half of the append-only rules: refuses every UPDATE and DELETE on the decision table
 * (migration {@code db/migration/h2/V2}) and every DELETE on the waiver table ({@code V4}: a revoke
 * updates {@code revoked_at}, nothing erases a waiver) and every UPDATE and DELETE on the review
 * table ({@code V6}). PostgreSQL has the same triggers in PL/pgSQL.
 */
public class AppendOnlyTrigger implements Trigger {
  private String table = "decision";

  @Override
  public void init(
      Connection conn,
      String schemaName,
      String triggerName,
      String tableName,
      boolean before,
      int type) {
    table = tableName.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    String op = newRow == null ? "DELETE" : "UPDATE";
    throw new SQLException(
        switch (table) {
          case "waiver" -> "waivers are never erased: " + op + " refused (revoke sets revoked_at)";
          case "review" -> "reviews are append-only: " + op + " refused";
          default -> "decision log is append-only: " + op + " refused";
        });
  }
}
