package org.hvlab.pci;

/**
 * How guest software reaches configuration space: one load or store of 1, 2 or 4 bytes at a function's register.
 * An ECAM window implements it with guest memory accesses (which may or may not exit); a {@link PciTopology} can
 * stand in for a bare bus ({@link #of(PciTopology)}).
 */
public interface ConfigAccess {

    /** A config load; all ones when nothing answers. */
    int read(Bdf bdf, int offset, int width);

    /** A config store; dropped when nothing answers. */
    void write(Bdf bdf, int offset, int width, int value);

    /** Direct access to a topology, with no ECAM and no exits (for tests and host-side tools). */
    static ConfigAccess of(PciTopology topology) {
        return new ConfigAccess() {
            @Override
            public int read(Bdf bdf, int offset, int width) { return topology.read(bdf, offset, width); }

            @Override
            public void write(Bdf bdf, int offset, int width, int value) { topology.write(bdf, offset, width, value); }
        };
    }
}
