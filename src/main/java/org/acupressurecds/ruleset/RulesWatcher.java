package org.acupressurecds.ruleset;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.acupressurecds.engine.RulesSnapshot;
import org.jboss.logging.Logger;

/**
 * Watches the rules folder and its codes/ and scenarios/, and calls back once an editor's burst of writes has been
 * quiet for the debounce time.
 */
final class RulesWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RulesWatcher.class);
    private static final List<String> WATCHED_SUBFOLDERS = RulesSnapshot.SUBFOLDERS;
    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE};

    private final Path folder;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watch;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
    });
    private final WatchKey folderKey;
    private ScheduledFuture<?> pending;

    RulesWatcher(Path folder, Duration debounce, Runnable onChange) throws IOException {
        this.folder = folder;
        this.debounce = debounce;
        this.onChange = onChange;
        this.watch = FileSystems.getDefault().newWatchService();
        this.folderKey = folder.register(watch, KINDS);
        watchSubfolders();
        Thread loop = new Thread(this::loop, "rules-watch");
        loop.setDaemon(true);
        loop.start();
    }

    /**
     * Watches codes/ and scenarios/ as they are now: made after startup, or swapped with the rest when a ConfigMap's
     * ..data is pointed at a new version. One that is gone again before it is watched is seen by its next change in
     * the folder; nothing here may end the watching.
     */
    private void watchSubfolders() {
        for (String sub : WATCHED_SUBFOLDERS) {
            Path dir = folder.resolve(sub);
            try {
                if (Files.isDirectory(dir)) {
                    dir.register(watch, KINDS);
                }
            } catch (NoSuchFileException e) {
                // gone between the look and the registration: its removal is an event of the folder itself
            } catch (IOException e) {
                LOG.warnf("Cannot watch %s (%s): its edits are seen with the next change in %s", dir, e.getMessage(),
                        folder);
            }
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                key.reset();
                if (key == folderKey) {
                    watchSubfolders();
                }
                schedule();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the service is stopping
        }
    }

    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(onChange, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
        watch.close();
        scheduler.shutdownNow();
    }
}
