package io.burnwatch.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option of the commands that fill the topics before they start the app. */
final class ReplayDataDir {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker data, app state and logs here (default: a fresh temporary directory, deleted"
                    + " at exit unless a part fails).")
    Path path;
}
