package org.lesionsim.imaging;

import java.util.Arrays;

/**
 * Blanks the free text of an ICC colour profile (ICC.1:2010 section 7) and leaves its colour
 * tags alone. Profile writers put names there: a calibration tool writes the operator or the
 * clinic into the description ({@code desc}) or copyright ({@code cprt}), a phone its owner's
 * device name, and anyone can edit them. What gets blanked is decided by each tag's <em>type</em>
 * signature, whatever the tag is called, so private or misnamed text tags are caught too:
 * <ul>
 *   <li>{@code text} (textType, 10.24): the ASCII bytes become spaces, NULs stay;</li>
 *   <li>{@code desc} (textDescriptionType, ICC v2): ASCII and Unicode strings become spaces with
 *       their counts kept, the ScriptCode part is zeroed;</li>
 *   <li>{@code mluc} (multiLocalizedUnicodeType, 10.15): every record's string becomes UTF-16
 *       spaces of the same length, every byte outside the record table and the strings is zeroed.</li>
 * </ul>
 * The profile ID (header bytes 84..99, an MD5 of the profile) is zeroed, which means "not
 * computed"; a kept ID would no longer match and could be used to match the profile to the
 * original. Sizes, offsets and every curve, matrix and LUT are byte for byte the same, so a colour
 * transform built from the result is the one built from the input.
 */
final class IccProfileText {
    static final int HEADER_LENGTH = 128;
    private static final int PROFILE_ID = 84;
    private static final int PROFILE_ID_LENGTH = 16;

    private IccProfileText() {
    }

    /**
     * A copy of {@code profile} with its text blanked and its ID zeroed, or null when the header
     * or the tag table cannot be parsed (no 'acsp' signature, a size or tag outside the bytes):
     * such a profile cannot be vouched for and is dropped by the caller.
     */
    static byte[] blanked(byte[] profile) {
        if (profile.length < HEADER_LENGTH + 4 || !ascii(profile, 36, "acsp")) {
            return null;
        }
        long size = u32(profile, 0);
        if (size < HEADER_LENGTH + 4 || size > profile.length) {
            return null;
        }
        long tags = u32(profile, HEADER_LENGTH);
        if (HEADER_LENGTH + 4 + 12 * tags > size) {
            return null;
        }
        byte[] out = profile.clone();
        Arrays.fill(out, PROFILE_ID, PROFILE_ID + PROFILE_ID_LENGTH, (byte) 0);
        for (int t = 0; t < tags; t++) {
            int entry = HEADER_LENGTH + 4 + 12 * t;
            long offset = u32(profile, entry + 4);
            long length = u32(profile, entry + 8);
            if (offset < HEADER_LENGTH || offset + length > size) {
                return null;
            }
            if (length < 8) {
                continue; // too short to hold a type signature: no text either
            }
            int start = (int) offset;
            int end = (int) (offset + length);
            if (ascii(profile, start, "text")) {
                blankText(out, start + 8, end);
            } else if (ascii(profile, start, "desc")) {
                blankTextDescription(out, start, end);
            } else if (ascii(profile, start, "mluc")) {
                blankMultiLocalized(out, start, end);
            }
        }
        return out;
    }

    private static void blankText(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] != 0) {
                b[i] = ' ';
            }
        }
    }

    /** ASCII count + ASCII, Unicode language + count + UTF-16 chars, ScriptCode code + count + 67 bytes. */
    private static void blankTextDescription(byte[] b, int start, int end) {
        int pos = start + 8;
        long asciiCount = pos + 4 <= end ? u32(b, pos) : -1;
        if (asciiCount < 0 || pos + 4 + asciiCount > end) {
            Arrays.fill(b, pos, end, (byte) 0);
            return;
        }
        blankText(b, pos + 4, pos + 4 + (int) asciiCount);
        pos += 4 + (int) asciiCount;
        long unicodeChars = pos + 8 <= end ? u32(b, pos + 4) : -1;
        if (unicodeChars < 0 || pos + 8 + 2 * unicodeChars > end) {
            Arrays.fill(b, pos, end, (byte) 0);
            return;
        }
        utf16Spaces(b, pos + 8, pos + 8 + 2 * (int) unicodeChars);
        pos += 8 + 2 * (int) unicodeChars;
        Arrays.fill(b, Math.min(pos + 3, end), end, (byte) 0); // keep ScriptCode code and count, zero its 67 bytes and any slack
    }

    /** Record count, record size, then (language, country, length, offset from the tag start) per record. */
    private static void blankMultiLocalized(byte[] b, int start, int end) {
        if (start + 16 > end) {
            Arrays.fill(b, start + 8, end, (byte) 0);
            return;
        }
        long records = u32(b, start + 8);
        long recordSize = u32(b, start + 12);
        long table = start + 16L + records * recordSize;
        if (recordSize < 12 || table > end) {
            Arrays.fill(b, start + 8, end, (byte) 0);
            return;
        }
        Arrays.fill(b, (int) table, end, (byte) 0); // the records themselves lie before the table's end: still readable
        for (int r = 0; r < records; r++) {
            int record = start + 16 + r * (int) recordSize;
            long length = u32(b, record + 4);
            long offset = start + u32(b, record + 8);
            if (offset >= table && offset + length <= end) {
                utf16Spaces(b, (int) offset, (int) (offset + length - length % 2));
            }
        }
    }

    private static void utf16Spaces(byte[] b, int from, int end) {
        for (int i = from; i + 1 < end; i += 2) {
            b[i] = 0;
            b[i + 1] = ' ';
        }
    }

    private static boolean ascii(byte[] b, int at, String signature) {
        if (at + signature.length() > b.length) {
            return false;
        }
        for (int i = 0; i < signature.length(); i++) {
            if (b[at + i] != signature.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] b, int i) {
        return PngChunks.u32(b, i);
    }
}
