package org.lesionsim.gan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W+ latent: one w per synthesis input, {@code [num_ws, w_dim]} float32 in C order, the one form
 * a code takes between the encoder, the store and the walk. On disk and in the store it is NumPy's
 * {@code .npy} version 1.0, as {@code np.save} writes it: magic {@code \x93NUMPY}, version 1 0, a
 * little-endian uint16 header length, an ASCII dict
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (r, c), }} padded with spaces and ended
 * by a newline so that the data starts at a multiple of 64 bytes, then the values little endian.
 * Reading accepts only that layout ({@code <f4}, C order, 2-D).
 */
public record WPlus(int numWs, int wDim, float[] values) {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '<f4', 'fortran_order': False, 'shape': \\((\\d+), (\\d+)\\), \\}\\s*");

    public WPlus {
        if (numWs < 0 || wDim < 0 || (long) numWs * wDim != values.length) {
            throw new IllegalArgumentException(values.length + " values for shape (" + numWs + ", " + wDim + ")");
        }
    }

    /** From one row per w. */
    public static WPlus of(float[][] rows) {
        int wDim = rows.length == 0 ? 0 : rows[0].length;
        float[] values = new float[rows.length * wDim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != wDim) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 " + wDim);
            }
            System.arraycopy(rows[i], 0, values, i * wDim, wDim);
        }
        return new WPlus(rows.length, wDim, values);
    }

    /** One row per w (copies). */
    public float[][] rows() {
        float[][] w = new float[numWs][wDim];
        for (int i = 0; i < numWs; i++) {
            System.arraycopy(values, i * wDim, w[i], 0, wDim);
        }
        return w;
    }

    /** The {@code .npy} bytes. */
    public byte[] toNpy() {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + numWs + ", " + wDim + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // + '\n'
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        int length = header.length();
        out.write(length & 0xff);
        out.write(length >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    /** Parses {@code .npy} bytes; anything but a 2-D C-order {@code <f4} array is refused. */
    public static WPlus fromNpy(byte[] bytes) throws IOException {
        if (bytes.length < 10) {
            throw new IOException("not an .npy file: " + bytes.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new IOException("not an .npy file: bad magic");
            }
        }
        if (bytes[6] != 1 || bytes[7] != 0) {
            throw new IOException(".npy version " + bytes[6] + "." + bytes[7] + " is not supported (1.0 only)");
        }
        int length = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        if (10 + length > bytes.length) {
            throw new IOException(".npy header runs past the end of the file");
        }
        String header = new String(bytes, 10, length, StandardCharsets.US_ASCII);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw new IOException("unsupported .npy header (need '<f4', C order, 2-D): " + header.strip());
        }
        int rows = Integer.parseInt(m.group(1));
        int cols = Integer.parseInt(m.group(2));
        int offset = 10 + length;
        long expected = (long) rows * cols * 4;
        if (bytes.length - offset != expected) {
            throw new IOException(".npy data is " + (bytes.length - offset) + " bytes, shape (" + rows + ", " + cols
                    + ") needs " + expected);
        }
        float[] values = new float[rows * cols];
        ByteBuffer.wrap(bytes, offset, (int) expected).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return new WPlus(rows, cols, values);
    }
}
