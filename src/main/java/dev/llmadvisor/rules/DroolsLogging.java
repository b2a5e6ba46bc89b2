package dev.llmadvisor.rules;

import java.util.logging.Level;

/**
 * Drools' and KIE's loggers at WARNING when nothing configured them. The service configures them
 * ({@code quarkus.log.category."org.drools".level} in application.properties); a command line, a
 * test or a benchmark runs without Quarkus, and there the JBoss log manager's unconfigured loggers
 * let TRACE through: Drools then formats a trace line (fact handles, tuples, every fired match) for
 * each insert and firing, which nobody sees and which cost most of an evaluation.
 */
final class DroolsLogging {
  private DroolsLogging() {}

  static void quietUnlessConfigured() {
    for (String category : new String[] {"org.drools", "org.kie"}) {
      org.jboss.logmanager.Logger logger = org.jboss.logmanager.Logger.getLogger(category);
      if (logger.getLevel() == null) {
        logger.setLevel(Level.WARNING);
      }
    }
  }
}
