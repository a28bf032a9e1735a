/**
 * Magics, the IJava set and a few more: {@code %classpath}, {@code %jars}, {@code %maven} (transitive resolution
 * with Maven Resolver from Central or the local repository, reporting version conflicts), {@code %load},
 * {@code %time}/{@code %%time}, {@code %lsmagic}, {@code %vars} and {@code %close}.
 *
 * <p>Shown in {@code notebooks/00-tour.ipynb}.
 */
package org.hvlab.kernel.magics;
