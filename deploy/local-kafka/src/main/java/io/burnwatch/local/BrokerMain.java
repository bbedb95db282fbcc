package io.burnwatch.local;

import java.io.IOException;
import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * The main class of the child JVM that {@link KafkaBroker} starts: {@code [--format <clusterId>] <server.properties>}.
 * Formats the storage first when asked (in the same JVM, sparing a second JVM start), then runs Kafka's server.
 * The server exits through Kafka's clean shutdown hook as soon as the parent goes away: the parent holds this
 * process's stdin open, so end of input means the parent has died, even if it was killed before it could stop
 * the broker itself.
 */
public final class BrokerMain {

    static final String FORMAT = "--format";

    private BrokerMain() {
    }

    public static void main(String[] args) {
        String serverProperties = args[args.length - 1];
        if (args.length == 3 && FORMAT.equals(args[0])) {
            format(args[1], serverProperties);
        }
        watchParent();
        Kafka.main(new String[] {serverProperties});
    }

    private static void format(String clusterId, String serverProperties) {
        int exitCode;
        try {
            exitCode = StorageTool.execute(new String[] {"format", "--cluster-id", clusterId,
                "--config", serverProperties, "--standalone"}, System.out);
        } catch (Exception e) {
            System.err.println("Cannot format Kafka storage: " + e.getMessage());
            exitCode = 1;
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    private static void watchParent() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // The parent never writes; any input is ignored.
                }
            } catch (IOException e) {
                // A broken pipe means the parent is gone as well.
            }
            System.exit(0);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
