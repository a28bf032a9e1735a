package org.hvlab.bmc.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Undertow and XNIO announce every server start and stop at INFO on stderr, which a notebook shows as red text;
 * the BMC and the capsule server raise those two loggers to WARNING (warnings and errors still show).
 */
public final class QuietLogs {
    // held so the JDK keeps the levels (it keeps loggers only weakly)
    private static final Logger[] LOGGERS = {Logger.getLogger("io.undertow"), Logger.getLogger("org.xnio"),
            Logger.getLogger("org.xnio.nio")};

    private QuietLogs() {}

    public static void apply() {
        for (Logger l : LOGGERS) {
            if (l.getLevel() == null || l.getLevel().intValue() < Level.WARNING.intValue()) l.setLevel(Level.WARNING);
        }
    }
}
