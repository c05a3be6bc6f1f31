package circuitbreaker.reopen.control;

/** An admission as a page presents it: {@code line.issued.turn.signature} ({@link Admission}). */
record PresentedAdmission(String line, String issued, String turn, String signature) {

    /** Its parts, or null when it has not four. */
    static PresentedAdmission of(String value) {
        String[] parts = value == null ? new String[0] : value.split("\\.", -1);
        return parts.length == 4 ? new PresentedAdmission(parts[0], parts[1], parts[2], parts[3]) : null;
    }

    boolean names(long name) {
        return line.equals(String.valueOf(name));
    }

    /** What the signature covers. */
    String signed() {
        return line + "." + issued + "." + turn;
    }

    long issuedAt() {
        return issued.matches("[0-9]{1,15}") ? Long.parseLong(issued) : 0;
    }
}
