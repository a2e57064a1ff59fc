package io.lariat.agent.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to one blob's {@code -partial} file, so that two pulls of the same blob never write it at once:
 * the second waits until the first has finished, then finds the blob in place (or resumes what the first left).
 *
 * <p>Held across processes by an OS file lock on {@link #lockFile} (a CLI pull and a server's {@code /api/pull}
 * share a store), and inside this JVM by a lock per path, since a JVM cannot take the same file lock twice. The lock
 * file stays when released: deleting it would let a waiter lock a file that a newcomer no longer sees. Closing
 * releases both; a process that dies releases its file lock with it.
 */
final class BlobLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock file;

    private BlobLock(ReentrantLock local, FileChannel channel, FileLock file) {
        this.local = local;
        this.channel = channel;
        this.file = file;
    }

    /**
     * Takes the lock of {@code partial}, waiting for the pull that holds it; {@code waiting} is told once when it
     * must wait.
     *
     * @throws ModelStoreException when interrupted while waiting, or when the lock file cannot be opened
     */
    static BlobLock acquire(Path partial, Runnable waiting) {
        Path key = partial.toAbsolutePath().normalize();
        ReentrantLock local = LOCAL.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!local.tryLock()) {
                waiting.run();
                local.lockInterruptibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelStoreException("interrupted while waiting for another pull of " + partial.getFileName(), e);
        }
        FileChannel channel = null;
        try {
            Path lockFile = lockFile(key);
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock file = channel.tryLock();
            if (file == null) {
                waiting.run();
                file = channel.lock();
            }
            return new BlobLock(local, channel, file);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            local.unlock();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ModelStoreException("cannot lock " + partial + " against other pulls: " + e.getMessage(), e);
        }
    }

    /**
     * {@code <store>/locks/<partial>.lock} for {@code <store>/blobs/<partial>}: beside the blobs, not among them, so
     * that the blobs folder holds only blobs (what {@code rm} and Ollama's layout expect).
     */
    static Path lockFile(Path partial) {
        return partial.getParent().resolveSibling("locks").resolve(partial.getFileName() + ".lock");
    }

    @Override
    public void close() {
        try {
            file.release();
            channel.close();
        } catch (IOException e) {
            throw new ModelStoreException("cannot release the lock of a partial blob: " + e.getMessage(), e);
        } finally {
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
