package org.lesionsim.imaging.mask;

/** Which neighbours join set pixels into one connected component. */
public enum Connectivity {
    /** Edge neighbours only: pixels touching at a corner are separate components. */
    FOUR,
    /** Edge and corner neighbours: a one-pixel diagonal line is one component. */
    EIGHT
}
