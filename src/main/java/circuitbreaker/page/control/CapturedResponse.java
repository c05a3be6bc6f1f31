package circuitbreaker.page.control;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.CharArrayWriter;
import java.io.PrintWriter;

/** Keeps what an included JSP writes, so it can be sent (and reused) as bytes. */
final class CapturedResponse extends HttpServletResponseWrapper {

    private final CharArrayWriter text = new CharArrayWriter(16 * 1024);
    private final PrintWriter writer = new PrintWriter(text);

    CapturedResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() {
        return writer;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        throw new IllegalStateException("the page is captured as text");
    }

    @Override
    public void flushBuffer() {
        writer.flush(); // nothing reaches the client until the whole page is captured
    }

    String captured() {
        writer.flush();
        return text.toString();
    }
}
