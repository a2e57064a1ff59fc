package io.lariat.engine.train;

/** RMSNorm forward and backward over rows of a matrix: {@code y = x / rms(x) * g}. Stateless. */
final class RmsNorm {

    private RmsNorm() {
    }

    /** Normalises {@code rows} rows of width {@code n}; stores each row's {@code 1/rms} in {@code inv}. */
    static void forward(float[] x, float[] g, int gOff, float[] y, float[] inv, int rows, int n, float eps) {
        for (int t = 0; t < rows; t++) {
            int o = t * n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += x[o + i] * x[o + i];
            }
            float r = (float) (1.0 / Math.sqrt(ss / n + eps));
            inv[t] = r;
            for (int i = 0; i < n; i++) {
                y[o + i] = x[o + i] * r * g[gOff + i];
            }
        }
    }

    /** Adds the gradients of {@code x} (into {@code dx}) and {@code g} (into {@code dg}) given {@code dy}. */
    static void backward(float[] x, float[] g, int gOff, float[] inv, float[] dy, float[] dx, float[] dg,
                         int rows, int n) {
        for (int t = 0; t < rows; t++) {
            int o = t * n;
            float r = inv[t];
            double dot = 0;
            for (int i = 0; i < n; i++) {
                float gdy = dy[o + i] * g[gOff + i];
                dot += gdy * x[o + i];
                dg[gOff + i] += dy[o + i] * x[o + i] * r;
            }
            float k = (float) (dot * r * r * r / n);
            for (int i = 0; i < n; i++) {
                dx[o + i] += r * dy[o + i] * g[gOff + i] - k * x[o + i];
            }
        }
    }
}
