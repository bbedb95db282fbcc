package io.burnwatch.stack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A simulator faster than real time stamps events ahead of the wall clock, and brokers reject records stamped
 * more than log.message.timestamp.after.max.ms (one hour by default) ahead; so on the local broker, which serves
 * only the simulation, that limit is lifted for every topic, including those Kafka Streams creates.
 */
final class EventTimeAhead {

    static final String LIMIT = "log.message.timestamp.after.max.ms";

    private EventTimeAhead() {
    }

    static void allow(Admin admin) throws InterruptedException {
        ConfigResource clusterDefault = new ConfigResource(ConfigResource.Type.BROKER, "");
        AlterConfigOp noLimit = new AlterConfigOp(new ConfigEntry(LIMIT, Long.toString(Long.MAX_VALUE)),
                AlterConfigOp.OpType.SET);
        try {
            admin.incrementalAlterConfigs(Map.of(clusterDefault, List.of(noLimit))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StackFailure("Cannot set " + LIMIT + " on the broker: " + e.getMessage());
        }
    }
}
