package circuitbreaker.platform;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new, never half of either: a
 * temporary file beside it, fsync, rename over the old one, fsync of the folder.
 */
public final class AtomicFile {

    private static final System.Logger LOG = System.getLogger(AtomicFile.class.getName());

    private AtomicFile() {
    }

    public static void write(Path path, byte[] bytes) throws IOException {
        write(path, bytes, true);
    }

    /**
     * @param sync false skips both fsyncs: the file still survives the process being killed (the page cache outlives
     *     it) and is never half written, but a power loss may bring back an older one. For what is rewritten often and
     *     costs only a repeat when older (the webhook journal), not for the state.
     */
    public static void write(Path path, byte[] bytes, boolean sync) throws IOException {
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (sync) {
                    channel.force(true);
                }
            }
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (sync) {
                syncFolder(path.getParent());
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Makes the rename itself durable; without it a power cut can bring the old name back. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "This file system cannot sync a folder: {0}", e.getMessage());
        }
    }
}
