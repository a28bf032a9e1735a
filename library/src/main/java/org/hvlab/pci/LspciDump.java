package org.hvlab.pci;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text format of {@code lspci -xxxx} that {@code lspci -F FILE} reads back (pciutils {@code lib/dump.c}): a
 * device line {@code bb:dd.f text} (or {@code ssss:bb:dd.f text}), rows {@code off: hh hh ..} and a blank line
 * after each device. Indented lines (the decoded text of {@code lspci -v -xxx}) are skipped.
 */
final class LspciDump {
    private LspciDump() {}

    /** Bytes per row in lspci's hex dump ({@code show_hex_dump} in pciutils' lspci.c). */
    private static final int ROW_BYTES = 16;

    private static final Pattern DEVICE =
            Pattern.compile("^(?:([0-9a-fA-F]{4}):)?([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-9a-fA-F])(?:\\s+(.*))?$");
    private static final Pattern ROW = Pattern.compile("^([0-9a-fA-F]{2,8}):((?: [0-9a-fA-F]{2})+)\\s*$");

    static String write(PciTopology topology) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Bdf, PciFunction> e : topology.functions().entrySet()) {
            PciFunction f = e.getValue();
            sb.append(e.getKey()).append(' ').append(PciClass.name(f.classCode())).append(": ").append(f.name()).append('\n');
            byte[] bytes = f.config().toByteArray();
            for (int row = 0; row < bytes.length; row += 16) {
                sb.append(String.format("%02x:", row));
                for (int i = row; i < row + 16; i++) sb.append(String.format(" %02x", bytes[i] & 0xff));
                sb.append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static PciTopology parse(String text, String source) {
        PciTopology topology = new PciTopology();
        String[] lines = text.split("\r?\n", -1);
        Pending pending = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.isBlank()) {
                if (pending != null) pending.finish(topology, source);
                pending = null;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (pending == null) throw syntax(source, lineNo, line, "an indented detail line comes before any device line");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                if (pending == null) throw syntax(source, lineNo, line, "a data row comes before any device line");
                pending.row(row, source, lineNo, line);
                continue;
            }
            Matcher dev = DEVICE.matcher(line);
            if (dev.matches()) {
                if (pending != null) pending.finish(topology, source);
                pending = new Pending(bdf(dev, source, lineNo, line), dev.group(5), lineNo);
                continue;
            }
            throw syntax(source, lineNo, line, "it is neither a device line 'bb:dd.f text', a row 'off: hh hh ..' nor blank");
        }
        if (pending != null) pending.finish(topology, source);
        return topology;
    }

    private static Bdf bdf(Matcher m, String source, int lineNo, String line) {
        try {
            int seg = m.group(1) == null ? 0 : Integer.parseInt(m.group(1), 16);
            return new Bdf(seg, Integer.parseInt(m.group(2), 16), Integer.parseInt(m.group(3), 16), Integer.parseInt(m.group(4), 16));
        } catch (PciException e) {
            throw syntax(source, lineNo, line, e.what() + " (" + e.why() + ")");
        }
    }

    static PciException syntax(String source, int lineNo, String line, String why) {
        String shown = line.length() > 60 ? line.substring(0, 60) + "..." : line;
        return new PciException(PciException.Reason.LSPCI_DUMP_SYNTAX, source + " line " + lineNo + " '" + shown + "' is malformed",
                why, "Give the output of 'lspci -xxxx' (or -xxx): device lines, hex rows, a blank line after each device");
    }

    /** A reserved MSI-X BIR in the dumped bytes is refused, citing the row that holds it. */
    private static void checkMsixRegister(ConfigSpace cs, int at, int register, int[] lineOf, String source, Pending p) {
        int line = lineOf[at + register];
        if (line == 0 || (cs.read8(at + register) & 7) <= 5) return;
        try {
            MsixCapability.decode(cs, at);
        } catch (PciException e) {
            throw new PciException(PciException.Reason.LSPCI_DUMP_SYNTAX, source + " line " + line + " (device " + p.bdf
                    + " at line " + p.lineNo + "): " + e.what(), e.why(), e.next());
        }
    }

    /** One device block being read. */
    private static final class Pending {
        final Bdf bdf;
        final String name;
        final int lineNo;
        final byte[] image = new byte[ConfigSpace.EXPRESS_SIZE];
        /** The dump line that gave each byte (0 = not given). */
        final int[] lineOf = new int[ConfigSpace.EXPRESS_SIZE];
        int end;
        /** The line of the last data row (where a short dump ends). */
        int lastRow;

        Pending(Bdf bdf, String description, int lineNo) {
            this.bdf = bdf;
            String d = description == null ? "" : description.trim();
            int colon = d.indexOf(": ");
            this.name = colon >= 0 ? d.substring(colon + 2) : d.isEmpty() ? "imported " + bdf : d;
            this.lineNo = lineNo;
            this.lastRow = lineNo;
            Arrays.fill(image, (byte) 0xff);
        }

        void row(Matcher row, String source, int rowLine, String line) {
            long offset = Long.parseLong(row.group(1), 16);
            String[] hex = row.group(2).trim().split(" ");
            if (hex.length > ROW_BYTES) {
                throw syntax(source, rowLine, line, "the row has " + hex.length + " bytes; lspci writes at most "
                        + ROW_BYTES + " per row, each row at its own offset");
            }
            if (offset + hex.length > ConfigSpace.EXPRESS_SIZE) {
                throw syntax(source, rowLine, line, "bytes 0x" + Long.toHexString(offset) + "..+" + hex.length
                        + " run past the 4096 bytes of a function's config space");
            }
            for (int k = 0; k < hex.length; k++) {
                int earlier = lineOf[(int) offset + k];
                if (earlier != 0) {
                    throw syntax(source, rowLine, line, "byte 0x" + Long.toHexString(offset + k) + " of device " + bdf
                            + " was already given by line " + earlier + "; each offset appears once per device");
                }
            }
            lastRow = rowLine;
            for (int k = 0; k < hex.length; k++) {
                image[(int) offset + k] = (byte) Integer.parseInt(hex[k], 16);
                lineOf[(int) offset + k] = rowLine;
            }
            end = (int) Math.max(end, offset + hex.length);
        }

        void checkMsix(ConfigSpace cs, String source) {
            for (ConfigSpace.CapabilityRef ref : cs.capabilities()) {
                if (ref.id() != Header.CAP_ID_MSIX) continue;
                checkMsixRegister(cs, ref.offset(), MsixCapability.TABLE, lineOf, source, this);
                checkMsixRegister(cs, ref.offset(), MsixCapability.PBA, lineOf, source, this);
            }
        }

        void finish(PciTopology topology, String source) {
            if (end < 0x40) {
                throw new PciException(PciException.Reason.LSPCI_DUMP_SYNTAX,
                        source + " line " + lastRow + ": device " + bdf + " (line " + lineNo + ") ends after " + end
                                + " bytes of config space",
                        "a function needs at least its 64-byte header", "Dump it with 'lspci -xxx' (256 bytes) or -xxxx (4096)");
            }
            int size = end <= ConfigSpace.CONVENTIONAL_SIZE ? ConfigSpace.CONVENTIONAL_SIZE : ConfigSpace.EXPRESS_SIZE;
            ConfigSpace cs = ConfigSpace.of(Arrays.copyOf(image, size));
            checkMsix(cs, source);
            try {
                topology.add(bdf, PciFunction.imported(name, cs));
            } catch (PciException e) {
                throw new PciException(e.reason() instanceof PciException.Reason ? (PciException.Reason) e.reason()
                        : PciException.Reason.LSPCI_DUMP_SYNTAX, source + " line " + lineNo + ": " + e.what(), e.why(), e.next());
            }
        }
    }
}
