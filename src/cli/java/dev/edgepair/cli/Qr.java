package dev.edgepair.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import io.nayuki.qrcodegen.QrCode;

/** A pairing string as a QR code: in the terminal (half blocks, two rows per line) or as a PNG. CLI only. */
final class Qr {
    private Qr() {
    }

    static String terminal(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int border = 2;
        StringBuilder sb = new StringBuilder();
        for (int y = -border; y < qr.size + border; y += 2) {
            for (int x = -border; x < qr.size + border; x++) {
                boolean top = qr.getModule(x, y);
                boolean bottom = qr.getModule(x, y + 1);
                // dark modules as spaces on a light block background reads best on dark and light terminals
                sb.append(top ? (bottom ? ' ' : '▄') : (bottom ? '▀' : '█'));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static void png(String text, Path file) throws IOException {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int scale = 8;
        int border = 4;
        int size = (qr.size + 2 * border) * scale;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = qr.getModule(x / scale - border, y / scale - border);
                img.setRGB(x, y, dark ? 0x000000 : 0xFFFFFF);
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        // The code may hold a secret (a password, the owner token): created 0600, replaced atomically.
        dev.edgepair.internal.storage.AtomicFiles.writeAtomically(file.toAbsolutePath(), bytes.toByteArray(), true);
    }
}
