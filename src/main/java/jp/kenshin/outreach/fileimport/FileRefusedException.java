package jp.kenshin.outreach.fileimport;

/** A file refused as a whole (encoding, header). The message names the line and reason, never a value. */
public class FileRefusedException extends RuntimeException {

    private final int line;

    public FileRefusedException(int line, String reason) {
        super(line > 0 ? line + "行目: " + reason : reason);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
