/**
 * The facade: {@link org.hvlab.Lab} (entry point and static factories), {@link org.hvlab.Host} and its builder,
 * the hypervisor and its VMs. It only composes the mechanism packages; nothing depends on it.
 * Shown in notebook 00 (tour).
 */
package org.hvlab;
