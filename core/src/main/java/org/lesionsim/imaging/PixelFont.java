package org.lesionsim.imaging;

import java.awt.image.BufferedImage;

/**
 * A 3×5 bitmap font for short labels ({@code α=-1.5}, {@code P(MEL)=0.42}, {@code NO LESION}) drawn
 * pixel by pixel, so labels need no system fonts (server images often have none) and render to the
 * same bytes on every machine. Glyphs: digits, {@code . - + = ( ) ! : , _ / < > %}, {@code α},
 * {@code Δ} and the letters A–Z (lower case is drawn as capitals; M, N, Q and W are wider);
 * a space advances without drawing.
 */
public final class PixelFont {
    public static final int GLYPH_HEIGHT = 5;
    /** Each row is a bit mask, most significant of the glyph's width first. */
    private static final String DIGITS = "0123456789";
    private static final int[][] DIGIT_ROWS = {
            {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
            {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 2, 2}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7}};
    private static final int[] ALPHA_ROWS = {0, 5, 10, 10, 5}; // 4 wide
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final int[][] LETTER_ROWS = {
            {2, 5, 7, 5, 5}, {6, 5, 6, 5, 6}, {3, 4, 4, 4, 3}, {6, 5, 5, 5, 6}, {7, 4, 6, 4, 7}, {7, 4, 6, 4, 4},
            {3, 4, 5, 5, 3}, {5, 5, 7, 5, 5}, {7, 2, 2, 2, 7}, {1, 1, 1, 5, 2}, {5, 5, 6, 5, 5}, {4, 4, 4, 4, 7},
            {17, 27, 21, 17, 17}, {9, 13, 11, 9, 9}, {2, 5, 5, 5, 2}, {6, 5, 6, 4, 4}, {6, 9, 9, 10, 5}, {6, 5, 6, 5, 5},
            {3, 4, 2, 1, 6}, {7, 2, 2, 2, 2}, {5, 5, 5, 5, 7}, {5, 5, 5, 5, 2}, {17, 17, 21, 27, 17}, {5, 5, 2, 5, 5},
            {5, 5, 2, 2, 2}, {7, 1, 2, 4, 7}};

    private PixelFont() {
    }

    /** Width in pixels of {@code text} at {@code scale}, one blank column between glyphs. */
    public static int width(String text, int scale) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += (glyphWidth(text.charAt(i)) + (i > 0 ? 1 : 0)) * scale;
        }
        return w;
    }

    /** Draws {@code text} with its top-left corner at (x, y) in {@code rgb}; pixels outside the image are skipped. */
    public static void draw(BufferedImage image, String text, int x, int y, int scale, int rgb) {
        int cursor = x;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int gw = glyphWidth(c);
            int[] rows = rows(c);
            for (int r = 0; r < GLYPH_HEIGHT; r++) {
                for (int col = 0; col < gw; col++) {
                    if ((rows[r] >> (gw - 1 - col) & 1) != 0) {
                        fill(image, cursor + col * scale, y + r * scale, scale, rgb);
                    }
                }
            }
            cursor += (gw + 1) * scale;
        }
    }

    private static int glyphWidth(char c) {
        char glyph = c == 'α' ? c : Character.toUpperCase(c); // upper-case α is another letter
        return switch (glyph) {
            case 'α', 'N', 'Q' -> 4;
            case 'M', 'W' -> 5;
            case '!', ':' -> 1;
            case '(', ')', ',' -> 2;
            default -> 3;
        };
    }

    private static int[] rows(char c) {
        int digit = DIGITS.indexOf(c);
        if (digit >= 0) {
            return DIGIT_ROWS[digit];
        }
        int letter = c == 'α' ? -1 : LETTERS.indexOf(Character.toUpperCase(c));
        if (letter >= 0) {
            return LETTER_ROWS[letter];
        }
        return switch (c) {
            case '(' -> new int[] {1, 2, 2, 2, 1};
            case ')' -> new int[] {2, 1, 1, 1, 2};
            case '!' -> new int[] {1, 1, 1, 0, 1};
            case ':' -> new int[] {0, 1, 0, 1, 0};
            case ',' -> new int[] {0, 0, 0, 1, 2};
            case '_' -> new int[] {0, 0, 0, 0, 7};
            case '/' -> new int[] {1, 1, 2, 4, 4};
            case '<' -> new int[] {1, 2, 4, 2, 1};
            case '>' -> new int[] {4, 2, 1, 2, 4};
            case '%' -> new int[] {5, 1, 2, 4, 5};
            case 'Δ' -> new int[] {2, 2, 5, 5, 7};
            case '.' -> new int[] {0, 0, 0, 0, 2};
            case '-' -> new int[] {0, 0, 7, 0, 0};
            case '+' -> new int[] {0, 2, 7, 2, 0};
            case '=' -> new int[] {0, 7, 0, 7, 0};
            case 'α' -> ALPHA_ROWS;
            case ' ' -> new int[] {0, 0, 0, 0, 0};
            default -> throw new IllegalArgumentException("PixelFont has no glyph for '" + c + "'");
        };
    }

    private static void fill(BufferedImage image, int x0, int y0, int size, int rgb) {
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
                    image.setRGB(x, y, rgb);
                }
            }
        }
    }
}
