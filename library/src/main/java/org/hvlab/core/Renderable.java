package org.hvlab.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A library type that offers views of itself for notebooks and reports, without depending on Jupyter.
 *
 * <p>The kernel renders any {@code Renderable} as the MIME bundle {@link #views()} returns; the command line prints
 * {@link #toText()}. Implementations keep both views in step and escape HTML with {@link Html#escape(String)}.
 */
public interface Renderable {

    /** The text/plain view, as a terminal or {@code toString()} shows it. */
    String toText();

    /** The text/html view; by default the text view in a {@code <pre>}. */
    default String toHtml() {
        return "<pre>" + Html.escape(toText()) + "</pre>";
    }

    /** Every view by MIME type, most preferred first. */
    default Map<String, String> views() {
        Map<String, String> views = new LinkedHashMap<>();
        views.put("text/html", toHtml());
        views.put("text/plain", toText());
        return views;
    }
}
