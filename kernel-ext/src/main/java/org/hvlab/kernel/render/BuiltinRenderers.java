package org.hvlab.kernel.render;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hvlab.core.Renderable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.IChart;
import tech.tablesaw.api.Table;

/** The renderers every hvlab kernel has: Tablesaw tables, XChart charts, images and hvlab {@link Renderable}s. */
final class BuiltinRenderers {
    private BuiltinRenderers() {}

    static void install(Renderer r) {
        r.createRegistration(Renderable.class).preferring(MimeType.TEXT_HTML, MimeType.TEXT_PLAIN)
                .supporting(RenderRegistration.ANY).register((v, ctx) -> {
                    for (Map.Entry<String, String> e : v.views().entrySet()) {
                        if (ctx.wants(e.getKey())) ctx.bundle().put(e.getKey(), e.getValue());
                    }
                });
        r.createRegistration(Table.class).preferring(MimeType.TEXT_HTML, MimeType.TEXT_PLAIN)
                .register((t, ctx) -> {
                    ctx.renderIfRequested(MimeType.TEXT_HTML, () -> TableView.html(t));
                    ctx.renderIfRequested(MimeType.TEXT_PLAIN, () -> TableView.text(t));
                });
        r.createRegistration(IChart.class).preferring(MimeType.IMAGE_PNG).supporting(MimeType.IMAGE_SVG)
                .register((chart, ctx) -> {
                    ctx.renderBytesIfRequested(MimeType.IMAGE_PNG, () -> png(chart));
                    ctx.renderIfRequested(MimeType.IMAGE_SVG, () -> svg(chart));
                    ctx.renderIfRequested(MimeType.TEXT_PLAIN, () -> chart.getClass().getSimpleName()
                            + " '" + chart.getTitle() + "' " + chart.getWidth() + "x" + chart.getHeight());
                });
        r.createRegistration(RenderedImage.class).preferring(MimeType.IMAGE_PNG).register((img, ctx) -> {
            ctx.renderBytesIfRequested(MimeType.IMAGE_PNG, () -> png(img));
            ctx.renderIfRequested(MimeType.TEXT_PLAIN, () -> "image " + img.getWidth() + "x" + img.getHeight());
        });
    }

    static byte[] png(IChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String svg(IChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] png(RenderedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
