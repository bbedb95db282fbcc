package io.burnwatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds and checks local TCP ports. */
public final class FreePort {

    private static final String LOOPBACK = "127.0.0.1";

    private FreePort() {
    }

    /** A port on 127.0.0.1 that nothing listens on right now. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code port} can be bound on {@code host}. */
    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails with a one-line message when {@code port} on {@code host} is taken.
     *
     * @param flag the option that sets this port, named in the message as the fix
     * @throws IllegalStateException when the port is in use
     */
    public static void requireFree(String host, int port, String flag) {
        if (!isFree(host, port)) {
            throw new IllegalStateException("Port " + port + " on " + host + " is already in use: stop what holds it"
                    + " or pass " + flag + " with a free port");
        }
    }
}
