package io.burnwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FreePortTest {

    @Test
    @DisplayName("a picked port can be bound")
    void pickedPortIsFree() {
        int port = FreePort.pick();

        assertThat(port).isPositive();
        assertThat(FreePort.isFree("127.0.0.1", port)).isTrue();
    }

    @Test
    @DisplayName("a port in use is reported in one line naming the port and the flag to change")
    void portInUseIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> FreePort.requireFree("127.0.0.1", port, "--registry-port"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Port " + port + " on 127.0.0.1 is already in use: stop what holds it or pass"
                            + " --registry-port with a free port");
        }
    }
}
