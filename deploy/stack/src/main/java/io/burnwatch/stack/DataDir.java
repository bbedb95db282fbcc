package io.burnwatch.stack;

import io.burnwatch.sim.OneLineErrors;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import picocli.CommandLine;

/** Where the stack keeps its state: a given directory that outlives the run, or a fresh one deleted at exit. */
final class DataDir implements AutoCloseable {

    private final Path path;
    private final boolean temporary;
    private volatile boolean kept;

    private DataDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
    }

    /** @param kept the directory to keep state in, or null for a temporary one */
    static DataDir open(Path kept) throws IOException {
        if (kept == null) {
            return new DataDir(Files.createTempDirectory("burnwatch-stack-"), true);
        }
        return new DataDir(Files.createDirectories(kept).toAbsolutePath(), false);
    }

    /** Refuses a {@code --data-dir} that is a file, with one line naming the flag and the fix. */
    static void requireUsable(CommandLine commandLine, Path kept) {
        if (kept != null && Files.exists(kept) && !Files.isDirectory(kept)) {
            throw OneLineErrors.problem(commandLine, "--data-dir " + kept
                    + " is a file: pass a directory (it is created if missing)");
        }
    }

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /** Keeps a temporary directory after all, e.g. for the logs of a part that failed. */
    void keep() {
        kept = true;
    }

    @Override
    public void close() throws IOException {
        if (!temporary || kept || !Files.exists(path)) {
            return;
        }
        delete(path);
    }

    /** Deletes {@code tree} and everything under it. */
    static void delete(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
