package io.burnwatch.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * What must stay the same when a broker restarts on its data dir: the cluster id the storage was formatted
 * with, and the controller port, which the KRaft quorum records in its metadata log. The client port is kept
 * too, so clients of a restarted broker find it where it was.
 */
record BrokerSettings(String clusterId, int port, int controllerPort) {

    static final String FILE = "broker.properties";
    private static final String CLUSTER_ID = "cluster.id";
    private static final String PORT = "port";
    private static final String CONTROLLER_PORT = "controller.port";

    static BrokerSettings fresh(int port) {
        int controllerPort = FreePort.pick();
        while (controllerPort == port) {
            controllerPort = FreePort.pick();
        }
        return new BrokerSettings(Uuid.randomUuid().toString(), port, controllerPort);
    }

    /** The settings saved in {@code dataDir}, or null when the broker never ran there. */
    static BrokerSettings load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        try {
            return new BrokerSettings(required(properties, CLUSTER_ID, file),
                    Integer.parseInt(required(properties, PORT, file)),
                    Integer.parseInt(required(properties, CONTROLLER_PORT, file)));
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds a port that is not a number: fix it or delete the data dir", e);
        }
    }

    private static String required(Properties properties, String key, Path file) throws IOException {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IOException(file + " lacks " + key + ": fix it or delete the data dir");
        }
        return value.trim();
    }

    BrokerSettings withPort(int newPort) {
        return new BrokerSettings(clusterId, newPort, controllerPort);
    }

    void save(Path dataDir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(CLUSTER_ID, clusterId);
        properties.setProperty(PORT, Integer.toString(port));
        properties.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
        try (Writer writer = Files.newBufferedWriter(dataDir.resolve(FILE))) {
            properties.store(writer, "burnwatch local broker: keep with the data");
        }
    }

    /** A single node that is both broker and controller, sized for one machine, topics created explicitly. */
    Properties serverProperties(Path dataDir) {
        String host = "127.0.0.1";
        Properties server = new Properties();
        server.setProperty("process.roles", "broker,controller");
        server.setProperty("node.id", "1");
        server.setProperty("listeners",
                "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        server.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        server.setProperty("controller.listener.names", "CONTROLLER");
        server.setProperty("inter.broker.listener.name", "PLAINTEXT");
        server.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.setProperty("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        server.setProperty("log.dirs", logDir(dataDir).toString());
        server.setProperty("num.partitions", "1");
        server.setProperty("auto.create.topics.enable", "false");
        server.setProperty("offsets.topic.replication.factor", "1");
        server.setProperty("offsets.topic.num.partitions", "1");
        server.setProperty("transaction.state.log.replication.factor", "1");
        server.setProperty("transaction.state.log.min.isr", "1");
        server.setProperty("transaction.state.log.num.partitions", "1");
        server.setProperty("share.coordinator.state.topic.replication.factor", "1");
        server.setProperty("share.coordinator.state.topic.min.isr", "1");
        server.setProperty("min.insync.replicas", "1");
        server.setProperty("group.initial.rebalance.delay.ms", "0");
        return server;
    }

    static Path logDir(Path dataDir) {
        return dataDir.resolve("kafka-logs");
    }

    static boolean isFormatted(Path dataDir) {
        return Files.exists(logDir(dataDir).resolve("meta.properties"));
    }
}
