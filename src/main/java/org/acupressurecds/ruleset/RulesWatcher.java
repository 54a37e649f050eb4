package org.acupressurecds.ruleset;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
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

    private final Path folder;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watch;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-reload");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> pending;

    RulesWatcher(Path folder, Duration debounce, Runnable onChange) throws IOException {
        this.folder = folder;
        this.debounce = debounce;
        this.onChange = onChange;
        this.watch = FileSystems.getDefault().newWatchService();
        register(folder);
        for (String sub : WATCHED_SUBFOLDERS) {
            if (Files.isDirectory(folder.resolve(sub))) {
                register(folder.resolve(sub));
            }
        }
        Thread loop = new Thread(this::loop, "rules-watch");
        loop.setDaemon(true);
        loop.start();
    }

    private void register(Path dir) throws IOException {
        dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watch.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path name && key.watchable().equals(folder)
                            && Files.isDirectory(folder.resolve(name))) {
                        register(folder.resolve(name)); // codes/ or scenarios/ made after startup
                    }
                }
                key.reset();
                schedule();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the service is stopping
        } catch (IOException e) {
            LOG.errorf("Stopped watching %s: %s", folder, e.getMessage());
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
