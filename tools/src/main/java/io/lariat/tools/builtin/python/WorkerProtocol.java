package io.lariat.tools.builtin.python;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The framed JSON protocol between the host and a Python worker process over the worker's stdin and stdout: each
 * frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON.
 *
 * <p>The host sends {@link Request}s; the worker answers each with one {@link Reply}, and sends one unprompted
 * {@code ready} reply when it has started. Stateless and thread-safe; callers serialise access to one stream.
 */
final class WorkerProtocol {

    /** Largest frame accepted: a reply carries at most two capped streams, a repr and a traceback. */
    static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WorkerProtocol() {
    }

    /** What the host asks of a worker. */
    enum Operation {
        /** Run one cell in the current context. */
        RUN,
        /** Discard the current context and prepare a fresh one (a session ended). */
        RESET
    }

    /** One request; {@code code} and {@code reprCap} are used by {@link Operation#RUN} only. */
    record Request(Operation op, String code, int reprCap) {
    }

    /** How a worker answered. */
    enum Kind {
        /** A fresh context is ready (after start-up or a reset). */
        READY,
        /** The cell ran to the end. */
        COMPLETED,
        /** The cell raised a Python exception. */
        RAISED,
        /** GraalPy failed internally; the worker must not be reused. */
        CRASHED,
        /** The worker could not prepare a context; {@code problem} says why, and the worker exits. */
        FAILED
    }

    /**
     * One reply. For {@link Kind#COMPLETED}, {@code repr} is the final value's repr or {@code null}; for
     * {@link Kind#RAISED}, {@code errorType}, {@code errorMessage} and {@code traceback} describe the exception; for
     * {@link Kind#CRASHED} and {@link Kind#FAILED}, {@code problem} says what went wrong without Java class names.
     */
    record Reply(Kind kind, String repr, String errorType, String errorMessage, List<String> traceback,
                 String stdout, String stderr, boolean outputTruncated, String problem) {

        static Reply ready() {
            return new Reply(Kind.READY, null, null, null, null, "", "", false, null);
        }

        static Reply failed(String problem) {
            return new Reply(Kind.FAILED, null, null, null, null, "", "", false, problem);
        }
    }

    /**
     * Encodes and decodes one request and one reply of every shape in memory. Jackson builds its record codecs on
     * first use, which costs a worker (a C1-only JVM) about 300 ms; a warm worker pays it before announcing itself
     * ready, so a session's first call does not.
     */
    static void warmUp() {
        try {
            List<Object> samples = List.of(new Request(Operation.RUN, "1 + 1", 16),
                    new Reply(Kind.COMPLETED, "2", null, null, null, "", "", false, null),
                    new Reply(Kind.RAISED, null, "E", "m", List.of("E: m"), "", "", false, null));
            for (Object sample : samples) {
                java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
                write(frame, sample);
                read(new java.io.ByteArrayInputStream(frame.toByteArray()), sample.getClass());
            }
        } catch (IOException inMemory) {
            throw new java.io.UncheckedIOException(inMemory);
        }
    }

    /** Writes one frame and flushes. */
    static void write(OutputStream out, Object message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(message);
        byte[] header = {(byte) (body.length >>> 24), (byte) (body.length >>> 16), (byte) (body.length >>> 8),
                (byte) body.length};
        out.write(header);
        out.write(body);
        out.flush();
    }

    /**
     * Reads one frame as {@code type}.
     *
     * @throws EOFException when the stream ends before a frame (the other side exited)
     * @throws IOException  on a malformed or oversized frame
     */
    static <T> T read(InputStream in, Class<T> type) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("bad frame length " + length);
        }
        byte[] body = data.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("frame cut short");
        }
        return JSON.readValue(body, type);
    }
}
