import java.io.File;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/** Renders one page of a PDF to a PNG with Apache PDFBox: {@code java PageToPng.java <pdf> <page, from 1> <dpi> <png>}. */
public class PageToPng {
    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PageToPng <pdf> <page, from 1> <dpi> <png>");
            System.exit(2);
        }
        try (PDDocument doc = Loader.loadPDF(new File(args[0]))) {
            int page = Integer.parseInt(args[1]);
            ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(page - 1, Float.parseFloat(args[2])), "png", new File(args[3]));
        }
    }
}
