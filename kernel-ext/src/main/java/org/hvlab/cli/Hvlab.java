package org.hvlab.cli;

import org.hvlab.core.LabException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hvlab} command-line tool. The {@code ./hvlab} launcher builds what is missing, then runs this class.
 * One subcommand per front end, artefact or server; {@code hvlab --help} lists them.
 */
@Command(name = "hvlab", mixinStandardHelpOptions = true, versionProvider = Hvlab.Version.class,
        description = "A lab for the platform mechanisms of an Arm hypervisor host.",
        subcommands = {
                TestCommand.class,
                JshellCommand.class,
                BenchCommand.class,
                KernelCommand.class,
                LabCommand.class,
                ReportCommand.class,
                BmcCommand.class,
                CapsuleCommand.class,
                PciCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Hvlab implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        TerminalProgress.installDefault();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hvlab()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof LabException le) {
                line.getErr().println(line.getColorScheme().errorText("error [" + le.code() + "]: ") + le.getMessage());
                return 2;
            }
            throw ex;
        });
        return cl;
    }

    /** Prints the commit the launcher passed in. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hvlab " + System.getProperty("hvlab.commit", "unknown") + " on Java " + Runtime.version()};
        }
    }
}
