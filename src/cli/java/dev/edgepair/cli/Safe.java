package dev.edgepair.cli;

/**
 * Text that came from a device or a user (names, diagnostics, addresses) made safe for a terminal: control and
 * format characters (ESC, BEL, CR, DEL, C1, bidi overrides, zero-width...) and the backslash are escaped, so a name
 * cannot clear the screen, move the cursor or disguise itself. Every line the CLI prints goes through here.
 */
final class Safe {
    private Safe() {
    }

    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (cp == '\\') {
                sb.append("\\\\");
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                sb.append(cp < 0x100 ? String.format("\\x%02x", cp) : String.format("\\u{%x}", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    /** Prints each line of {@code s}, escaped, to standard output. */
    static void out(String s) {
        for (String line : s.split("\n", -1)) {
            System.out.println(text(line));
        }
    }

    /** Prints {@code edgepair: } and the escaped message to standard error. */
    static void err(String s) {
        for (String line : ("edgepair: " + s).split("\n", -1)) {
            System.err.println(text(line));
        }
    }
}
