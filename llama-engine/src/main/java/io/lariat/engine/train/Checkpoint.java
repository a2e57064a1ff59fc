package io.lariat.engine.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.BitSet;

/**
 * The trainer's checkpoint file: shape, trained vocabulary, step, weights and AdamW moments, big-endian.
 *
 * <p>Written to a temporary file and moved into place, so an interrupted save never leaves a half-written
 * checkpoint under the final name.
 */
final class Checkpoint {

    private static final long MAGIC = 0x4C41524954434B31L; // "LARITCK1"

    /** Everything a resumed run needs. */
    record State(TrainConfig config, TrainedVocab vocab, int step, float[] values, float[] firstMoment,
                 float[] secondMoment) {
    }

    private Checkpoint() {
    }

    static void write(Path file, State s) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                1 << 16))) {
            out.writeLong(MAGIC);
            TrainConfig c = s.config();
            for (int v : new int[] {c.dim(), c.layers(), c.heads(), c.kvHeads(), c.ffnDim(), c.contextLength()}) {
                out.writeInt(v);
            }
            out.writeFloat(c.ropeTheta());
            out.writeFloat(c.rmsEps());
            out.writeInt(s.vocab().fullSize());
            int[] ids = s.vocab().ids();
            out.writeInt(ids.length);
            for (int id : ids) {
                out.writeInt(id);
            }
            out.writeInt(s.step());
            for (float[] a : new float[][] {s.values(), s.firstMoment(), s.secondMoment()}) {
                out.writeInt(a.length);
                for (float f : a) {
                    out.writeFloat(f);
                }
            }
        } catch (IOException e) {
            throw new TrainingException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TrainingException("cannot move checkpoint into place at " + file + ": " + e.getMessage(), e);
        }
    }

    static State read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file),
                1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw new TrainingException(file + " is not a Lariat training checkpoint (bad magic)");
            }
            int[] sizes = new int[6];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = in.readInt();
            }
            TrainConfig config = new TrainConfig(sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], in.readFloat(),
                    in.readFloat(), sizes[5]);
            int fullSize = in.readInt();
            int count = in.readInt();
            BitSet used = new BitSet();
            for (int i = 0; i < count; i++) {
                used.set(in.readInt());
            }
            TrainedVocab vocab = TrainedVocab.of(fullSize, used);
            int step = in.readInt();
            int size = new ParameterLayout(config, vocab.size()).size();
            return new State(config, vocab, step, floats(in, size, file), floats(in, size, file),
                    floats(in, size, file));
        } catch (IOException | IllegalArgumentException e) {
            throw new TrainingException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static float[] floats(DataInputStream in, int expected, Path file) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new TrainingException("checkpoint " + file + " holds " + n + " floats where the shape needs "
                    + expected);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
