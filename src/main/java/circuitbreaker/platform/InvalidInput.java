package circuitbreaker.platform;

/** An update that was refused; the message names the field and says what is wrong. */
public class InvalidInput extends Exception {

    private final int status;

    public InvalidInput(String message) {
        this(400, message);
    }

    public InvalidInput(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
