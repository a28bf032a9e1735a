/**
 * The lab's foundations: units ({@link org.hvlab.core.ByteSize}), typed addresses ({@link org.hvlab.core.Ipa}
 * guest-physical, {@link org.hvlab.core.Pa} host-physical), the platform catalog, the deterministic model clock
 * ({@link org.hvlab.core.SimClock}) charged from the cost model ({@code datasets/costs.csv}), the
 * {@link org.hvlab.core.Trace}, errors ({@link org.hvlab.core.LabException}), progress and renderable views.
 * No mechanism or patent of its own; notebook 00 shows it.
 */
package org.hvlab.core;
