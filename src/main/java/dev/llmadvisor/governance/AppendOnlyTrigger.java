package dev.llmadvisor.governance;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's half of the append-only rule (migration {@code db/migration/h2/V2}): refuses every UPDATE
 * and DELETE on the decision table. PostgreSQL has the same trigger in PL/pgSQL.
 */
public class AppendOnlyTrigger implements Trigger {
  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException(
        "decision log is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused");
  }
}
