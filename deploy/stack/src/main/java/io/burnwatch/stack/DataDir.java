package io.burnwatch.stack;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Where the stack keeps its state: a given directory that outlives the run, or a fresh one deleted at exit. */
final class DataDir implements AutoCloseable {

    private final Path path;
    private final boolean temporary;

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

    Path path() {
        return path;
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    @Override
    public void close() throws IOException {
        if (!temporary || !Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
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
