package org.acupressurecds.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where decision records wait while the store is down: an append-only file of one JSON record a line, forced to
 * disk before the answer leaves, bounded in size. A replay takes the current file aside (new records start a new
 * one) and removes it only once every record in it is in the store.
 */
final class Spool {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String CURRENT = "records.jsonl";
    private static final String TAKEN = "replaying-";

    private final Path folder;
    private final long maxBytes;
    private FileChannel current;
    private long bytes;
    private long records;
    /** The last record offered did not fit: until a replay makes room, no record can be kept. */
    private boolean refused;

    Spool(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(folder);
            for (Path file : files()) { // what a crash or a stop left: replayed like the rest
                bytes += Files.size(file);
                records += Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the record spool in " + folder.toAbsolutePath(), e);
        }
    }

    /** Appends the record and forces it to disk; false when the spool is full. */
    synchronized boolean append(DecisionRecord record) {
        byte[] line = (line(record) + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes + line.length > maxBytes) {
            refused = true;
            return false;
        }
        try {
            if (current == null) {
                current = FileChannel.open(folder.resolve(CURRENT), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
            current.force(false);
        } catch (IOException e) {
            refused = true;
            return false;
        }
        refused = false;
        bytes += line.length;
        records++;
        return true;
    }

    synchronized long records() {
        return records;
    }

    synchronized boolean isEmpty() {
        return records == 0;
    }

    synchronized boolean full() {
        return refused;
    }

    /** The files to replay, oldest first: those taken aside before, then the current one, taken aside now. */
    synchronized List<Path> take() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        Path now = folder.resolve(CURRENT);
        if (Files.exists(now)) {
            Files.move(now, folder.resolve(TAKEN + System.currentTimeMillis() + "-" + System.nanoTime() + ".jsonl"),
                    StandardCopyOption.ATOMIC_MOVE);
        }
        return files().stream().filter(f -> f.getFileName().toString().startsWith(TAKEN)).toList();
    }

    static List<DecisionRecord> read(Path file) throws IOException {
        List<DecisionRecord> found = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                found.add(JSON.readValue(line, DecisionRecord.class));
            }
        }
        return found;
    }

    /** The file is in the store: it goes. */
    synchronized void replayed(Path file, int count) throws IOException {
        long size = Files.size(file);
        Files.delete(file);
        bytes -= size;
        records -= count;
        refused = false;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    private static String line(DecisionRecord record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
