package io.burnwatch.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used, user and system, from /proc: unlike a rate, it hardly depends on what else
 * runs on the machine, so it compares changes made on a busy machine.
 */
final class ProcessCpu {

    /** USER_HZ, the unit of /proc/PID/stat's times, is 100 on every Linux architecture Java runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** The CPU seconds {@code pid} has used so far; 0 if it has ended or this is not Linux. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name, in parentheses, may hold spaces: fields are counted after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
