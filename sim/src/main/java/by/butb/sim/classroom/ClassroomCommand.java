package by.butb.sim.classroom;

import by.butb.cluster.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code butb classroom}: the exchange in a browser, for teaching (docs/classroom.md). */
@Command(
    name = "classroom",
    mixinStandardHelpOptions = true,
    description = {"Starts a web page on this machine that shows the exchange live (order books, trades, phases, " +
        "lot auctions, address deals, deposits): the instructor loads a scenario and plays, pauses or steps it, and " +
        "may open a class that students join by code and name; students trade as participants from their " +
        "browsers. Runs until Ctrl-C or SIGTERM, then exits with code 0 (a second one, a second or more later, " +
        "ends it at once, code 130).",
        "See docs/classroom.md."},
    footer = {"", "Examples:", "  ./butb classroom                      (http://127.0.0.1:8080/)",
        "  ./butb classroom --host 0.0.0.0 --pin 4711 --instructor-pin 9000 --scenario lot-auction",
        "", "Scenarios: free, call-auction, lot-auction, reverse-auction, address-deal, broker, orders-sample, " +
        "orders-auctions, study."})
public final class ClassroomCommand implements Callable<Integer>
{
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 lets a class " +
            "network reach it).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
        description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one, printed at start).")
    private int port;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = Scenarios.FREE,
        description = "Scenario loaded at start (default: ${DEFAULT-VALUE}); the page can load another.")
    private String scenario;

    @Option(names = "--pin", paramLabel = "PIN",
        description = "Classroom PIN that students give with their participant id (default: none). Keeps " +
            "neighbours honest; it is not security.")
    private String pin;

    @Option(names = "--instructor-pin", paramLabel = "PIN",
        description = "PIN the instructor's controls (load, play, pause, step, speed, class) need; required when " +
            "--host is not a loopback address (default: none, anyone at the page on this machine may use them).")
    private String instructorPin;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (port < 0 || port > 65_535)
        {
            spec.commandLine().getErr().println("butb classroom: --port " + port + " is not a TCP port (0-65535) " +
                "(see ./butb classroom --help)");
            return 2;
        }
        final String usage = pin != null && pin.isBlank() ? "--pin must not be empty (leave it out for no PIN)" :
            instructorPin != null && instructorPin.isBlank() ? "--instructor-pin must not be empty" :
            !resolves(host) ? "--host " + host + ": unknown host" : null;
        if (usage != null)
        {
            spec.commandLine().getErr().println("butb classroom: " + usage + " (see ./butb classroom --help)");
            return 2;
        }
        if (instructorPin == null && !isLoopback(host))
        {
            spec.commandLine().getErr().println("butb classroom: --host " + host + " lets other machines reach the " +
                "page, so --instructor-pin PIN is required (without it any student could load, step or play " +
                "scenarios) (see ./butb classroom --help)");
            return 2;
        }
        final Classroom classroom = new Classroom(pin, instructorPin);
        try
        {
            classroom.load(scenario);
        }
        catch (final ClassroomException ex)
        {
            spec.commandLine().getErr().println("butb classroom: " + ex.getMessage());
            classroom.close();
            return 1;
        }
        final ClassroomServer server;
        try
        {
            server = ClassroomServer.start(classroom, host, port);
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("butb classroom: cannot listen on " + host + ":" + port + ": " +
                ex.getMessage());
            classroom.close();
            return 1;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            server.close();
            classroom.close();
        }, "classroom-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StopSignal signal = new StopSignal("classroom-signal", stopped::countDown))
        {
            System.out.println("Classroom at " + server.url() + " (scenario " + scenario + "; Ctrl-C stops it)");
            System.out.flush();
            stopped.await();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // shutting down: the hook is running
            }
            server.close();
            classroom.close();
        }
        System.out.println("Classroom stopped");
        return 0;
    }

    /** Whether {@code host} is an address or a name that resolves to one. */
    private static boolean resolves(final String host)
    {
        try
        {
            InetAddress.getByName(host);
            return true;
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }

    /** True when {@code host} names this machine only (127.0.0.0/8, ::1, localhost); unknown names are not. */
    static boolean isLoopback(final String host)
    {
        try
        {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (final UnknownHostException ex)
        {
            return false;
        }
    }
}
