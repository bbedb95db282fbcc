package io.burnwatch.local.registry;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the schema registry on its own until the process is stopped. */
@Command(name = "schema-registry", mixinStandardHelpOptions = true,
        description = {"Confluent-compatible schema registry that keeps its schemas in the Kafka topic _schemas.",
                "PUT /config needs the bearer token in SCHEMA_REGISTRY_CONFIG_TOKEN when it is set, which it must be"
                        + " to listen beyond 127.0.0.1."})
public final class SchemaRegistryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka to keep the schemas in (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8081",
            description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
    int port;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SchemaRegistryCommand())
                .setParameterExceptionHandler((e, ignoredArgs) -> {
                    e.getCommandLine().getErr().println(e.getMessage() + " (see --help)");
                    return 2;
                })
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port must be between 0 and 65535, got " + port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        SchemaRegistryServer server = SchemaRegistryServer.start(bootstrapServers, host, port,
                System.getenv("SCHEMA_REGISTRY_CONFIG_TOKEN"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "schema-registry-stop"));
        System.out.println("Schema registry listening at " + server.url());
        stopped.await();
        return 0;
    }
}
