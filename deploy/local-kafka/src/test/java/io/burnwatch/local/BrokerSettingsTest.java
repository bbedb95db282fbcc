package io.burnwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("settings saved in a data dir load back unchanged, so a restart keeps cluster id and controller port")
    void savedSettingsLoadBack() throws IOException {
        BrokerSettings fresh = BrokerSettings.fresh(FreePort.pick());
        fresh.save(dataDir);

        assertThat(BrokerSettings.load(dataDir)).isEqualTo(fresh);
        assertThat(fresh.controllerPort()).isNotEqualTo(fresh.port());
    }

    @Test
    @DisplayName("a data dir the broker never ran in has no settings; a damaged settings file says how to fix it")
    void missingAndDamagedSettings() throws IOException {
        assertThat(BrokerSettings.load(dataDir)).isNull();

        Files.writeString(dataDir.resolve(BrokerSettings.FILE), "cluster.id=abc\nport=x\ncontroller.port=1\n");
        assertThatThrownBy(() -> BrokerSettings.load(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("delete the data dir");
    }

    @Test
    @DisplayName("the server runs broker and controller on 127.0.0.1 and never creates topics on its own")
    void serverProperties() {
        Properties server = new BrokerSettings("cluster", 19092, 19093).serverProperties(dataDir);

        assertThat(server.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(server.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(server.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(server.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
        assertThat(server.getProperty("auto.create.topics.enable")).isEqualTo("false");
        assertThat(server.getProperty("log.dirs")).isEqualTo(dataDir.resolve("kafka-logs").toString());
    }
}
