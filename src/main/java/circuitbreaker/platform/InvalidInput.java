package circuitbreaker.maintenance.control;

/** An update that was refused; the message names the field and says what is wrong. */
public class InvalidUpdate extends Exception {

    private final int status;

    public InvalidUpdate(String message) {
        this(400, message);
    }

    public InvalidUpdate(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
