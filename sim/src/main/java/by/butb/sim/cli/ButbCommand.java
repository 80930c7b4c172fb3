package by.butb.sim.cli;

import by.butb.cluster.ClusterCommand;
import by.butb.gateway.PasswordCommand;
import by.butb.gateway.ServeCommand;
import by.butb.sim.classroom.ClassroomCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code butb} launcher's top command. It has no action of its own: a subcommand is required (picocli then
 * answers "Missing required subcommand" with exit code 2).
 */
@Command(
    name = "butb",
    mixinStandardHelpOptions = true,
    versionProvider = ButbCommand.Version.class,
    description = "BUTB commodity-exchange simulator: an order-matching engine for timber, milk powder and sugar.",
    subcommands = {StudyCommand.class, StudyCommand.Sim.class, ExperimentCommand.class, ReplayCommand.class,
        ServeCommand.class, ClassroomCommand.class, PasswordCommand.class, ClusterCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Examples:", "  ./butb study     (replays the study's BUTB volumes; see docs/study.md)",
        "  ./butb replay --orders examples/orders-sample.csv --out out/replay",
        "  ./butb sim --scenario examples/agents/zic.yaml   (agents: prices emerge)",
        "  ./butb experiment examples/agents/fee-experiment.yaml   (what-if runs)",
        "  ./butb serve --port 9878     (FIX 4.4 gateway; see docs/gateway.md)",
        "  ./butb classroom             (the exchange in a browser; see docs/classroom.md)",
        "  ./butb cluster start --nodes 3   (the engine replicated on three nodes; see docs/cluster.md)", "",
        "Handled by the ./butb script itself, before Java:",
        "  ./butb test [MVN-OPTIONS]  every test (mvn -B verify), after making sure the",
        "                             browser tests have a headless Chromium (installs",
        "                             it with apt-get when it can)",
        "  ./butb bench [--quick]     our engine against exchange-core (bench/README.md)", "",
        "Exit codes: 0 done, 1 bad input or file error, 2 usage error, 3 (study and sim) a flow outside",
        "tolerance or a figure of the study missed; 3 (serve, cluster, classroom) out of memory.",
        "File formats: docs/formats.md."})
public final class ButbCommand
{
    public static void main(final String[] args)
    {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    /**
     * The launcher's command line. A usage error in a subcommand (an unknown option, a bad value such as
     * {@code --scale 2.5}) prints one line naming the problem and the hint {@code --help}, exit code 2, as does an
     * unknown command (naming the commands); without a command, picocli's message and the launcher's usage.
     */
    public static CommandLine commandLine()
    {
        final CommandLine cli = new CommandLine(new ButbCommand());
        StudyCommand.Sim.requireScenario(cli.getSubcommands().get("sim").getCommandSpec());
        final CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((ex, args) ->
        {
            final CommandLine where = ex.getCommandLine();
            if (where.getParent() == null && ex instanceof CommandLine.UnmatchedArgumentException unmatched &&
                !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-"))
            {
                where.getErr().println("butb: unknown command '" + unmatched.getUnmatched().get(0) +
                    "'; the commands: " + String.join(", ", where.getSubcommands().keySet()) + " (see ./butb --help)");
                where.getErr().flush();
                return where.getCommandSpec().exitCodeOnInvalidInput();
            }
            if (where.getParent() == null)
            {
                return standard.handleParseException(ex, args);
            }
            final String name = where.getCommandSpec().qualifiedName(" ");
            where.getErr().println(name + ": " + ex.getMessage() + " (see ./" + name + " --help)");
            where.getErr().flush();
            return where.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli;
    }

    /**
     * Chronicle (used with --data) and Javalin log through SLF4J, and Chronicle may report usage; keep the terminal
     * for our output.
     */
    static void quietLibraries()
    {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null)
        {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin") == null)
        {
            // the classroom reports a port it cannot bind itself, in one line
            System.setProperty("org.slf4j.simpleLogger.log.io.javalin.Javalin", "off");
        }
        if (System.getProperty("chronicle.analytics.disable") == null)
        {
            System.setProperty("chronicle.analytics.disable", "true");
        }
    }

    /** The version from the jar manifest (Maven's Implementation-Version). */
    public static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            final String version = ButbCommand.class.getPackage().getImplementationVersion();
            return new String[] {"butb " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version")};
        }
    }
}
