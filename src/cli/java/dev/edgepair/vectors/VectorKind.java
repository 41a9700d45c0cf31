package dev.edgepair.vectors;

import com.fasterxml.jackson.databind.JsonNode;

/** How one {@code "kind"} of vector is checked. New kinds plug into {@link VectorRunner}; files need no code. */
public interface VectorKind {
    /** The schema of the files this kind appears in, e.g. {@code edgepair-jpake-vectors/1}. */
    String schema();

    /** The value of the vector's {@code "kind"} field. */
    String name();

    /** Returns normally iff the vector holds; the file header is passed for curve and hash fields. */
    void check(JsonNode vector, JsonNode file) throws VectorFailure;
}
